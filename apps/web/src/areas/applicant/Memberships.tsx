import type { Me } from '../../api/queries';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useApplicantMessages } from './messages';

/** The user's municipality memberships with their status (awaiting approval, approved …). */
export function Memberships({ me }: { me: Me }) {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  const pending = me.memberships.some((membership) => membership.status === 'pending');
  return (
    <section aria-labelledby="memberships" className="card">
      <h2 id="memberships">{m.membershipsTitle}</h2>
      {me.memberships.length === 0 ? <p>{m.noMemberships}</p> : null}
      <ul className="plain-list">
        {me.memberships.map((membership) => (
          <li key={membership.id} data-testid="membership">
            <strong>{membership.municipalityName}</strong>:{' '}
            <span className={`badge badge-${membership.status}`}>{m.membershipStatus[membership.status]}</span>
            {membership.decidedAt ? (
              <span className="muted"> · {formatDateTime(membership.decidedAt, lang)}</span>
            ) : null}
          </li>
        ))}
      </ul>
      {pending ? <p className="muted">{m.pendingExplained}</p> : null}
    </section>
  );
}
