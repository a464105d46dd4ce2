import { Route } from 'react-router';
import { ApplicationReview } from './ApplicationReview';
import { Applications } from './Applications';
import { CallEdit } from './CallEdit';
import { CoordinatorCallPage } from './CallPage';
import { CoordinatorCalls } from './Calls';
import { Extensions } from './Extensions';
import { Invitations } from './Invitations';
import { Jury } from './Jury';
import { AuditLog, CapturedMails } from './Logs';
import { Memberships } from './Memberships';
import { Publishing } from './Publishing';
import { Ranking } from './Ranking';
import { Rounds } from './Rounds';
import { CoordinatorShell, Overview } from './Shell';

/** The coordinator area's pages: <Route> elements under the layout (main.tsx mounts them). */
export const coordinatorRoutes = (
  <Route path="koordinator" element={<CoordinatorShell />}>
    <Route index element={<Overview />} />
    <Route path="tagsagok" element={<Memberships />} />
    <Route path="felhivasok" element={<CoordinatorCalls />} />
    <Route path="felhivasok/:id" element={<CoordinatorCallPage />} />
    <Route path="felhivasok/:id/szerkesztes" element={<CallEdit />} />
    <Route path="felhivasok/:id/palyazatok" element={<Applications />} />
    <Route path="felhivasok/:id/palyazatok/:applicationId" element={<ApplicationReview />} />
    <Route path="felhivasok/:id/rangsor" element={<Ranking />} />
    <Route path="felhivasok/:id/kihirdetes" element={<Publishing />} />
    <Route path="felhivasok/:id/hataridok" element={<Extensions />} />
    <Route path="felhivasok/:id/zsuri" element={<Jury />} />
    <Route path="felhivasok/:id/fordulok" element={<Rounds />} />
    <Route path="meghivok" element={<Invitations />} />
    <Route path="naplo" element={<AuditLog />} />
    <Route path="levelek" element={<CapturedMails />} />
  </Route>
);
