import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { unwrap } from '../../api/client';
import { membershipsControllerApprove, membershipsControllerReject } from '../../api/generated/sdk.gen';
import type { MembershipResponse } from '../../api/generated/types.gen';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { TextAreaField } from './fields';
import { useCoordinatorMessages } from './messages';
import { PAGE_SIZE, pendingMembershipsQuery } from './queries';
import { Notice, Pager } from './Shell';
import { PageHeading } from '../../components/PageHeading';

/** Pending membership requests, each approved or rejected with a reason. */
export function Memberships() {
  const m = useCoordinatorMessages();
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState('');
  const list = useQuery(pendingMembershipsQuery(page));

  return (
    <>
      <PageHeading>{m.membershipsTitle}</PageHeading>
      {notice ? <Notice>{notice}</Notice> : null}
      <QueryStatus query={list} />
      {list.data?.items.length === 0 ? <p>{m.noPending}</p> : null}
      <ul className="card-list">
        {list.data?.items.map((membership) => (
          <MembershipCard key={membership.id} membership={membership} onDone={setNotice} />
        ))}
      </ul>
      {list.data && list.data.total > PAGE_SIZE ? (
        <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
      ) : null}
    </>
  );
}

function MembershipCard({ membership, onDone }: { membership: MembershipResponse; onDone: (text: string) => void }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const name = membership.user?.name ?? '';
  const place = membership.municipality?.name ?? membership.municipalityKsh;
  const settled = () => queryClient.invalidateQueries({ queryKey: ['coordinator', 'memberships'] });
  const approve = useMutation({
    mutationFn: () => unwrap(membershipsControllerApprove({ path: { id: membership.id }, body: {} })),
    onSuccess: async () => {
      await settled();
      onDone(m.approved(name, place));
    },
  });
  const reject = useMutation({
    mutationFn: () => unwrap(membershipsControllerReject({ path: { id: membership.id }, body: { reason } })),
    onSuccess: async () => {
      await settled();
      onDone(m.rejected(name, place));
    },
  });
  const error = approve.error ?? reject.error;
  const reasonId = `reject-reason-${membership.id}`;

  function submitReject(event: FormEvent) {
    event.preventDefault();
    reject.mutate();
  }

  return (
    <li className="card" data-testid="membership">
      <h2>
        {name} · {place}
      </h2>
      <p>
        {membership.user?.email}
        {membership.municipality ? ` · ${m.county}: ${membership.municipality.county}` : ''}
        {membership.position ? ` · ${m.position}: ${membership.position}` : ''}
      </p>
      <p className="muted">
        {m.requestedAt}: <time dateTime={membership.requestedAt}>{formatDateTime(membership.requestedAt, lang)}</time>
      </p>
      {error ? (
        <p className="alert" role="alert">
          {error.message}
        </p>
      ) : null}
      {rejecting ? (
        <form onSubmit={submitReject} className="form">
          <TextAreaField
            id={reasonId}
            label={m.rejectReason}
            hint={m.rejectReasonHelp}
            required
            rows={3}
            value={reason}
            onValue={setReason}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={reject.isPending || !reason.trim()}>
              {m.confirmReject}
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              {m.cancel}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => approve.mutate()} disabled={approve.isPending}>
            {m.approve}
          </button>
          <button type="button" onClick={() => setRejecting(true)}>
            {m.reject}
          </button>
        </div>
      )}
    </li>
  );
}
