import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { accountRoutes } from './areas/account/routes';
import { applicantRoutes } from './areas/applicant/routes';
import { coordinatorRoutes } from './areas/coordinator/routes';
import { juryRoutes } from './areas/jury/routes';
import { Layout } from './components/Layout';
import { I18nProvider } from './i18n/i18n';
import { Calls } from './pages/Calls';
import { Home } from './pages/Home';
import { Login } from './pages/Login';
import { Municipality } from './pages/Municipality';
import { NotFound } from './pages/NotFound';
import { ResultsIndex, ResultsOfYear } from './pages/Results';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<Home />} />
              <Route path="felhivasok" element={<Calls />} />
              <Route path="eredmenyek" element={<ResultsIndex />} />
              <Route path="eredmenyek/:year" element={<ResultsOfYear />} />
              <Route path="onkormanyzat/:ksh" element={<Municipality />} />
              <Route path="belepes" element={<Login />} />
              {accountRoutes}
              {applicantRoutes}
              {juryRoutes}
              {coordinatorRoutes}
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
