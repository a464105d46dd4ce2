import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { AuditEntryResponse } from '../../api/generated/types.gen';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { auditLabels } from './auditMessages';
import { SelectField } from './fields';
import { useCoordinatorMessages } from './messages';
import { type AuditFilters, auditQuery, capturedMailsQuery, PAGE_SIZE } from './queries';
import { Pager } from './Shell';
import { PageHeading } from '../../components/PageHeading';

const FILTER_KEYS = ['action', 'targetType', 'targetId', 'actor', 'actorId', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Draft = Record<FilterKey, string>;

/** The filters in the page's address (so that a filtered view can be linked and gone back to). */
function filtersOf(params: URLSearchParams): { filters: AuditFilters; draft: Draft; page: number } {
  const draft = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as Draft;
  const filters: AuditFilters = Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== ''));
  const page = Math.max(1, Number(params.get('page')) || 1);
  return { filters: { ...filters, page }, draft, page };
}

function searchOf(values: Partial<Record<FilterKey | 'page', string | number>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1)) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** A change's value as short text: `from → to` pairs, lists and plain values. */
function valueText(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'from' in value && 'to' in value) {
    const { from, to } = value;
    return `${valueText(from)} → ${valueText(to)}`;
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The audit log, newest first, a page at a time: who did what to which target and when (in
 * Budapest time), filtered by the api (event, target, actor, days); the filters live in the
 * page's address.
 */
export function AuditLog() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const labels = auditLabels(lang);
  const [params, setParams] = useSearchParams();
  const { filters, draft: applied, page } = filtersOf(params);
  const log = useQuery(auditQuery(filters, lang));
  const fieldErrors = log.error instanceof ApiError ? log.error.fields : {};

  /** The same view narrowed to `values` (a row's actor or target), from page 1. */
  const narrowed = (values: Partial<Draft>) => searchOf({ ...applied, ...values });

  return (
    <>
      <PageHeading>{m.auditTitle}</PageHeading>
      <AuditFilterForm
        key={params.toString()}
        applied={applied}
        errors={fieldErrors}
        onApply={(draft) => setParams(searchOf(draft))}
      />
      <QueryStatus query={log} />
      {log.data?.items.length === 0 ? <p>{m.noEntries}</p> : null}
      {log.data && log.data.items.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{m.whenBudapest}</th>
                  <th scope="col">{m.action}</th>
                  <th scope="col">{m.target}</th>
                  <th scope="col">{m.actor}</th>
                  <th scope="col">{m.changes}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((entry) => (
                  <tr key={entry.id} data-testid="audit-entry">
                    <td>
                      <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, lang)}</time>
                    </td>
                    <td>
                      {labels.action(entry.action)}
                      <br />
                      <code className="muted">{entry.action}</code>
                    </td>
                    <td>
                      <Target
                        entry={entry}
                        narrowTo={narrowed({ targetType: entry.targetType, targetId: entry.targetId ?? '' })}
                      />
                    </td>
                    <td>
                      {entry.actorId ? (
                        <Link
                          to={narrowed({ actorId: entry.actorId, actor: '' })}
                          title={m.onlyThisActor(entry.actorName ?? entry.actorId)}
                        >
                          {entry.actorName ?? entry.actorId}
                        </Link>
                      ) : (
                        m.system
                      )}
                    </td>
                    <td>
                      <Changes changes={entry.changes} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={log.data.total}
            onPage={(next) => setParams(searchOf({ ...applied, page: next }))}
          />
        </>
      ) : null}
    </>
  );
}

const EMPTY = Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])) as Draft;

/** The filters, applied together (the page's address keeps them); the api's field errors under their fields. */
function AuditFilterForm({
  applied,
  errors,
  onApply,
}: {
  applied: Draft;
  errors: Record<string, string>;
  onApply: (draft: Draft) => void;
}) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const labels = auditLabels(lang);
  const [draft, setDraft] = useState<Draft>(applied);
  const set = (key: FilterKey) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function apply(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  /** A select's options (value, label) from a label table, in the language's alphabetical order. */
  const byLabel = (table: Record<string, string>): Array<[string, string]> =>
    Object.entries(table).sort(([, a], [, b]) => a.localeCompare(b, lang));

  return (
    <form className="card form" onSubmit={apply} aria-labelledby="audit-filters">
      <h2 id="audit-filters">{m.auditFilters}</h2>
      <div className="filters">
        <SelectField
          id="audit-action"
          label={m.filterAction}
          value={draft.action}
          onValue={set('action')}
          options={byLabel(labels.actions)}
          empty={m.any}
        />
        <SelectField
          id="audit-target-type"
          label={m.filterTargetType}
          value={draft.targetType}
          onValue={set('targetType')}
          options={byLabel(labels.targets)}
          empty={m.any}
        />
        <Field
          id="audit-target-id"
          label={m.filterTargetId}
          value={draft.targetId}
          onValue={set('targetId')}
          error={errors.targetId}
        />
        <Field
          id="audit-actor"
          type="search"
          label={m.filterActor}
          value={draft.actor}
          onValue={set('actor')}
          error={errors.actor}
        />
        <Field
          id="audit-from"
          type="date"
          label={m.filterFrom}
          value={draft.from}
          onValue={set('from')}
          error={errors.from}
        />
        <Field id="audit-to" type="date" label={m.filterTo} value={draft.to} onValue={set('to')} error={errors.to} />
      </div>
      {applied.actorId ? (
        <p>
          {m.actor}: <code>{applied.actorId}</code>
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary">
          {m.applyFilters}
        </button>
        <button type="button" onClick={() => onApply(EMPTY)}>
          {m.clearFilters}
        </button>
      </div>
    </form>
  );
}

/** A row's target: its kind, what it is in words (a link to a call or an application), and a link to its events only. */
function Target({ entry, narrowTo }: { entry: AuditEntryResponse; narrowTo: string }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const labels = auditLabels(lang);
  const label = entry.targetLabel ?? (entry.targetId ? `${entry.targetId} (${m.unknownTarget})` : '–');
  let shown = <>{label}</>;
  if (entry.targetLabel && entry.targetType === 'call' && entry.targetId) {
    shown = <Link to={`/koordinator/felhivasok/${entry.targetId}`}>{label}</Link>;
  } else if (entry.targetLabel && entry.targetType === 'application' && entry.targetCallId && entry.targetId) {
    shown = <Link to={`/koordinator/felhivasok/${entry.targetCallId}/palyazatok/${entry.targetId}`}>{label}</Link>;
  }
  return (
    <>
      <Link to={narrowTo} title={m.onlyThisTarget}>
        {labels.target(entry.targetType)}
      </Link>
      <br />
      {shown}
    </>
  );
}

/** What changed, one line per field, folded away. */
function Changes({ changes }: { changes: Record<string, unknown> }) {
  const m = useCoordinatorMessages();
  const entries = Object.entries(changes);
  if (entries.length === 0) return null;
  return (
    <details>
      <summary>{m.showChanges}</summary>
      <dl className="changes">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{valueText(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
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
      <PageHeading>{m.mailsTitle}</PageHeading>
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
