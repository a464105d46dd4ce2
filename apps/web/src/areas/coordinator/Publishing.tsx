import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/client';
import {
  callResultsControllerPublish,
  publicationsControllerRetry,
  publicationsControllerRetryMails,
} from '../../api/generated/sdk.gen';
import type {
  PublicationsControllerCertificatePdfData,
  PublicationsControllerListPdfData,
} from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { apiUrl, withLang } from '../../api/urls';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { TextAreaField } from './fields';
import { useCoordinatorMessages } from './messages';
import { certificatesQuery, publicationQuery, publicationsOfCallQuery } from './queries';
import { PageHeading } from '../../components/PageHeading';

/** Publishing a decided call's results, with the job's progress asked every second. */
export function Publishing() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const callId = useParams().id ?? '';
  const queryClient = useQueryClient();
  const call = useQuery(callQuery(callId));
  const publications = useQuery(publicationsOfCallQuery(callId));
  const [reason, setReason] = useState('');
  const [current, setCurrent] = useState<string>();
  const publish = useMutation({
    mutationFn: () =>
      unwrap(callResultsControllerPublish({ path: { callId }, body: reason.trim() ? { reason: reason.trim() } : {} })),
    onSuccess: (publication) => {
      setCurrent(publication.id);
      queryClient.setQueryData(publicationQuery(publication.id).queryKey, publication);
      return queryClient.invalidateQueries({ queryKey: publicationsOfCallQuery(callId).queryKey });
    },
  });
  const sorted = [...(publications.data ?? [])].sort((a, b) => b.version - a.version);
  const shown = current ?? sorted[0]?.id;
  const c = call.data;
  const publishable = c?.status === 'decided' || c?.status === 'published';

  function submit(event: FormEvent) {
    event.preventDefault();
    publish.mutate();
  }

  return (
    <>
      <PageHeading>{c ? m.publishingTitle(c.year) : m.publishing}</PageHeading>
      <QueryStatus query={call} />
      {c ? (
        <p>
          <Link to={`/koordinator/felhivasok/${c.id}`}>{lang === 'en' ? c.titleEn : c.titleHu}</Link>
        </p>
      ) : null}
      <p>{m.publishIntro}</p>
      {c && !publishable ? <p className="alert">{m.notDecided}</p> : null}
      {publishable ? (
        <form className="card form" onSubmit={submit}>
          {publish.error ? (
            <p className="alert" role="alert">
              {publish.error.message}
            </p>
          ) : null}
          <TextAreaField id="publish-reason" label={m.publishReason} value={reason} onValue={setReason} />
          <button type="submit" className="primary" disabled={publish.isPending}>
            {sorted.length > 0 ? m.republish : m.publish}
          </button>
        </form>
      ) : null}
      {shown && c ? <Progress id={shown} year={c.year} /> : null}
      {sorted.length > 1 ? (
        <section aria-labelledby="earlier">
          <h2 id="earlier">{m.previousPublications}</h2>
          <ul>
            {sorted.map((p) => (
              <li key={p.id}>
                {m.publicationVersion(p.version)} · {m.publicationStatuses[p.status]} ·{' '}
                <time dateTime={p.requestedAt}>{formatDateTime(p.requestedAt, lang)}</time>
                {p.reason ? ` · ${p.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function Progress({ id, year }: { id: string; year: number }) {
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const publication = useQuery(publicationQuery(id));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['coordinator', 'publication', id] });
  const retry = useMutation({
    mutationFn: () => unwrap(publicationsControllerRetry({ path: { id } })),
    onSuccess: refresh,
  });
  const retryMails = useMutation({
    mutationFn: () => unwrap(publicationsControllerRetryMails({ path: { id } })),
    onSuccess: refresh,
  });
  const p = publication.data;
  if (!p) return <QueryStatus query={publication} />;
  const done = p.status === 'completed' && p.mails.queued === 0;
  const handled = p.mails.sent + p.mails.failed;
  const percent = p.mails.total > 0 ? Math.round((100 * handled) / p.mails.total) : done ? 100 : 0;

  return (
    <section className="card" aria-labelledby="progress">
      <h2 id="progress">
        {m.progress}: {m.publicationVersion(p.version)}
      </h2>
      <dl className="progress-list">
        <dt>{m.status}</dt>
        <dd data-testid="publication-status" aria-live="polite">
          {m.publicationStatuses[p.status]}
          {p.error ? ` · ${p.error}` : ''}
        </dd>
        <dt>{m.snapshot}</dt>
        <dd>{p.sha256 ? <code>{p.sha256.slice(0, 16)}…</code> : m.snapshotPending}</dd>
        <dt>{m.files}</dt>
        <dd>
          <Files id={p.id} listHu={p.files.listHu} listEn={p.files.listEn} certificates={p.files.certificates} />
        </dd>
        <dt id="mails-label">{m.mails}</dt>
        <dd>
          <p className="hint" data-testid="publication-mails">
            {m.mailCounts(p.mails.sent, p.mails.total, p.mails.failed)}
          </p>
          <div
            className="bar"
            role="progressbar"
            aria-labelledby="mails-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <span style={{ width: `${percent}%` }} />
          </div>
        </dd>
      </dl>
      {done ? (
        <p role="status" className="notice" data-testid="publication-done">
          {m.done} <Link to={`/eredmenyek/${year}`}>{m.publicPage}</Link>
        </p>
      ) : null}
      <div className="actions">
        {p.status === 'failed' ? (
          <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
            {m.retry}
          </button>
        ) : null}
        {p.mails.failed > 0 ? (
          <button type="button" onClick={() => retryMails.mutate()} disabled={retryMails.isPending}>
            {m.retryMails}
          </button>
        ) : null}
      </div>
    </section>
  );
}

/** The publication's files as downloads: the winner list in both languages and each certificate. */
function Files({
  id,
  listHu,
  listEn,
  certificates,
}: {
  id: string;
  listHu: boolean;
  listEn: boolean;
  certificates: number;
}) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const rendered = useQuery(certificatesQuery(id, certificates, lang));
  const list = apiUrl<PublicationsControllerListPdfData>('/api/publications/{id}/winner-list.pdf', { path: { id } });
  return (
    <>
      <ul className="plain-list" data-testid="publication-files">
        {listHu ? (
          <li>
            <a href={withLang(list, 'hu')} download>
              {m.winnerListHu}
            </a>
          </li>
        ) : null}
        {listEn ? (
          <li>
            <a href={withLang(list, 'en')} download>
              {m.winnerListEn}
            </a>
          </li>
        ) : null}
      </ul>
      <details>
        <summary>
          {m.certificateList}: {m.certificates(certificates)}
        </summary>
        {certificates === 0 ? <p className="muted">{m.noCertificates}</p> : <QueryStatus query={rendered} />}
        <ul data-testid="certificates">
          {rendered.data?.map((certificate) => (
            <li key={certificate.applicationId}>
              <a
                href={apiUrl<PublicationsControllerCertificatePdfData>(
                  '/api/publications/{id}/certificates/{applicationId}',
                  { path: { id, applicationId: certificate.applicationId } },
                )}
                download
              >
                {m.certificateLink(certificate.municipality, certificate.level)}
              </a>{' '}
              <span className="muted">
                ({certificate.theme} · {certificate.title})
              </span>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
