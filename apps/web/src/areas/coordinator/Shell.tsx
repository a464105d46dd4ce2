import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { meQuery } from '../../api/queries';
import { QueryStatus } from '../../components/QueryStatus';
import { useI18n } from '../../i18n/i18n';
import { useCoordinatorMessages } from './messages';
import { isCoordinator } from './nav';
import './coordinator.css';

/** The coordinator pages' frame: only for coordinators (and admins), with the area's menu. */
export function CoordinatorShell() {
  const { t } = useI18n();
  const m = useCoordinatorMessages();
  const me = useQuery(meQuery());
  if (me.isPending || me.isError) return <QueryStatus query={me} />;
  if (!isCoordinator(me.data)) {
    return (
      <>
        <h1>{m.overviewTitle}</h1>
        <p>
          <Link to="/belepes">{t.navSignIn}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <nav aria-label={m.areaNav} className="coord-nav">
        <ul>
          <li>
            <NavLink to="/koordinator/tagsagok">{m.membershipsTitle}</NavLink>
          </li>
          <li>
            <NavLink to="/koordinator/felhivasok">{m.callsTitle}</NavLink>
          </li>
          <li>
            <NavLink to="/koordinator/meghivok">{m.invitationsTitle}</NavLink>
          </li>
          <li>
            <NavLink to="/koordinator/naplo">{m.auditTitle}</NavLink>
          </li>
          <li>
            <NavLink to="/koordinator/levelek">{m.mailsTitle}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

/** The area's landing page. */
export function Overview() {
  const m = useCoordinatorMessages();
  return (
    <>
      <h1>{m.overviewTitle}</h1>
      <p>{m.overviewIntro}</p>
      <p>
        {m.queueDashboard} <a href="/api/queues">{m.queueDashboardLink}</a>
      </p>
    </>
  );
}

/** Previous/next paging of a list the api pages. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const m = useCoordinatorMessages();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label={m.paging} className="pager">
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        {m.previous}
      </button>
      <span>
        {m.pageOf(page, pages)} · {m.total(total)}
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        {m.next}
      </button>
    </nav>
  );
}

/** A polite live region for the outcome of an action. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="notice">
      {children}
    </p>
  );
}
