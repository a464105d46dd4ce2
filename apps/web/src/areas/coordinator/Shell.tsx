import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { meQuery } from '../../api/queries';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useCoordinatorMessages } from './messages';
import { isCoordinator } from './nav';
import { currentCallsQuery } from './queries';
import './coordinator.css';
import { PageHeading } from '../../components/PageHeading';

/**
 * The coordinator pages' frame: only for coordinators (and admins), with the area's menu. The
 * page is mounted at once, hidden until `me` says the role, so that its queries run beside
 * `me` instead of after it; a visitor without the role gets the sign-in link instead.
 */
export function CoordinatorShell() {
  const { t } = useI18n();
  const m = useCoordinatorMessages();
  const me = useQuery(meQuery());
  const allowed = isCoordinator(me.data);
  const waiting = me.isPending;
  return (
    <>
      {waiting || me.isError ? <QueryStatus query={me} /> : null}
      {!waiting && !me.isError && !allowed ? (
        <>
          <PageHeading>{m.overviewTitle}</PageHeading>
          <p>
            <Link to="/belepes">{t.navSignIn}</Link>
          </p>
        </>
      ) : null}
      {allowed ? (
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
      ) : null}
      {waiting || allowed ? (
        <div hidden={!allowed}>
          <Outlet />
        </div>
      ) : null}
    </>
  );
}

/** The area's landing page: the current calls with their key numbers, from one request. */
export function Overview() {
  const { lang, t } = useI18n();
  const m = useCoordinatorMessages();
  const calls = useQuery(currentCallsQuery());
  const n = (value: number) => formatNumber(value, lang);
  return (
    <>
      <PageHeading>{m.overviewTitle}</PageHeading>
      <p>{m.overviewIntro}</p>
      <section aria-labelledby="current-calls">
        <h2 id="current-calls">{m.currentCalls}</h2>
        <p className="muted">{m.currentCallsIntro}</p>
        <QueryStatus query={calls} />
        {calls.data?.items.length === 0 ? <p>{m.noCurrentCalls}</p> : null}
        <ul className="card-list">
          {calls.data?.items.map((call) => (
            <li key={call.id} className="card" data-testid="current-call">
              <p className="eyebrow">
                {call.year} · {t.statuses[call.status]}
              </p>
              <h3>
                <Link to={`/koordinator/felhivasok/${call.id}`}>{lang === 'en' ? call.titleEn : call.titleHu}</Link>
              </h3>
              <p className="muted">
                {m.closesAt}:{' '}
                <time dateTime={call.submissionClosesAt}>{formatDateTime(call.submissionClosesAt, lang)}</time>
              </p>
              <dl className="key-numbers" aria-label={m.keyNumbers(call.year)}>
                <div>
                  <dt>{m.countSubmitted}</dt>
                  <dd>{n(call.submitted)}</dd>
                </div>
                <div>
                  <dt>{m.countDraft}</dt>
                  <dd>{n(call.draft)}</dd>
                </div>
                <div>
                  <dt>{m.countWithdrawn}</dt>
                  <dd>{n(call.withdrawn)}</dd>
                </div>
                <div>
                  <dt>{m.countPendingCheck}</dt>
                  <dd>{n(call.pendingCheck)}</dd>
                </div>
                <div>
                  <dt>{m.countEligible}</dt>
                  <dd>{n(call.eligible)}</dd>
                </div>
                <div>
                  <dt>{m.countIneligible}</dt>
                  <dd>{n(call.ineligible)}</dd>
                </div>
              </dl>
              <p>
                <Link to={`/koordinator/felhivasok/${call.id}/palyazatok`}>{m.applications}</Link>
              </p>
            </li>
          ))}
        </ul>
      </section>
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
