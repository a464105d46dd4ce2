import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useCoordinatorMessages } from './messages';
import { auditQuery, capturedMailsQuery, PAGE_SIZE } from './queries';
import { Pager } from './Shell';

/** The audit log, newest first, a page at a time. */
export function AuditLog() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const [page, setPage] = useState(1);
  const log = useQuery(auditQuery(page));

  return (
    <>
      <h1>{m.auditTitle}</h1>
      <QueryStatus query={log} />
      {log.data?.items.length === 0 ? <p>{m.noEntries}</p> : null}
      {log.data && log.data.items.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{m.when}</th>
                  <th scope="col">{m.action}</th>
                  <th scope="col">{m.target}</th>
                  <th scope="col">{m.actor}</th>
                  <th scope="col">{m.changes}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, lang)}</time>
                    </td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>
                      {entry.targetType}
                      {entry.targetId ? <span className="muted"> {entry.targetId.slice(0, 8)}</span> : null}
                    </td>
                    <td>{entry.actorId ? entry.actorId.slice(0, 8) : m.system}</td>
                    <td>
                      <pre className="changes">{JSON.stringify(entry.changes)}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={PAGE_SIZE} total={log.data.total} onPage={setPage} />
        </>
      ) : null}
    </>
  );
}

/** The mails a local run captured instead of sending, filtered by recipient. */
export function CapturedMails() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const [page, setPage] = useState(1);
  const [to, setTo] = useState('');
  const mails = useQuery(capturedMailsQuery(page, to.trim()));

  return (
    <>
      <h1>{m.mailsTitle}</h1>
      <p>{m.mailsIntro}</p>
      <div className="form">
        <Field
          id="mail-to"
          type="search"
          label={m.recipient}
          value={to}
          onValue={(value) => {
            setTo(value);
            setPage(1);
          }}
        />
      </div>
      <QueryStatus query={mails} />
      {mails.data?.items.length === 0 ? <p>{m.noMails}</p> : null}
      <ul className="card-list">
        {mails.data?.items.map((mail) => (
          <li key={mail.id} className="card">
            <h2>{mail.subject}</h2>
            <p className="muted">
              {mail.to} · <time dateTime={mail.capturedAt}>{formatDateTime(mail.capturedAt, lang)}</time>
            </p>
            <details>
              <summary>{m.open}</summary>
              <p className="mail-text">{mail.text}</p>
            </details>
          </li>
        ))}
      </ul>
      {mails.data && mails.data.total > PAGE_SIZE ? (
        <Pager page={page} pageSize={PAGE_SIZE} total={mails.data.total} onPage={setPage} />
      ) : null}
    </>
  );
}
