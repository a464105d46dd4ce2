import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { setSession, unwrap } from '../api/client';
import { authControllerLogout } from '../api/generated/sdk.gen';
import { meQuery } from '../api/queries';
import { ApplicantNav } from '../areas/applicant/nav';
import { CoordinatorNav } from '../areas/coordinator/nav';
import { JuryNav } from '../areas/jury/nav';
import { useI18n } from '../i18n/i18n';

export function Layout() {
  const { lang, t, setLang } = useI18n();
  const me = useQuery(meQuery());
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => unwrap(authControllerLogout()),
    onSettled: () => {
      setSession(false);
      queryClient.setQueryData(meQuery().queryKey, null);
      void navigate('/');
    },
  });

  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            LÖGY <span className="brand-name">{t.siteName}</span>
          </Link>
          <nav aria-label={t.mainNav}>
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  {t.navHome}
                </NavLink>
              </li>
              <li>
                <NavLink to="/eredmenyek">{t.navResults}</NavLink>
              </li>
              <li>
                <NavLink to="/felhivasok">{t.navCalls}</NavLink>
              </li>
              <ApplicantNav me={me.data} />
              <JuryNav me={me.data} />
              <CoordinatorNav me={me.data} />
              {me.data ? null : (
                <li>
                  <NavLink to="/belepes">{t.navSignIn}</NavLink>
                </li>
              )}
            </ul>
          </nav>
          <div className="header-tools">
            {me.data ? (
              <span className="user">
                <span className="muted">{t.signedInAs}</span> <strong>{me.data.name}</strong>{' '}
                <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
                  {t.signOut}
                </button>
              </span>
            ) : null}
            <button
              type="button"
              className="lang-switch"
              lang={lang === 'hu' ? 'en' : 'hu'}
              onClick={() => setLang(lang === 'hu' ? 'en' : 'hu')}
            >
              {t.switchLanguage}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>TÖOSZ · {t.siteName}</p>
      </footer>
    </>
  );
}
