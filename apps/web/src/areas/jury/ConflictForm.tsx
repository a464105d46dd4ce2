import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { ApiError, unwrap } from '../../api/client';
import { jurorControllerDeclare } from '../../api/generated/sdk.gen';
import { useJuryMessages } from './messages';

/** Declares the juror's conflict of interest with an application, with a reason. */
export function ConflictForm({
  id,
  callId,
  applicationId,
  title,
  onDone,
  onCancel,
}: {
  id: string;
  callId: string;
  applicationId: string;
  title: string;
  onDone: (title: string) => void;
  onCancel: () => void;
}) {
  const m = useJuryMessages();
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const declare = useMutation({
    mutationFn: () => unwrap(jurorControllerDeclare({ path: { callId }, body: { applicationId, reason } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['jury'] });
      onDone(title);
    },
  });
  const error = declare.error instanceof ApiError ? declare.error : undefined;
  const reasonError = error?.fields.reason;

  function submit(event: FormEvent) {
    event.preventDefault();
    declare.mutate();
  }

  return (
    <form id={id} className="jury-conflict" onSubmit={submit} noValidate>
      <h4>{m.conflictTitle(title)}</h4>
      <p>{m.conflictHint}</p>
      {declare.error && !reasonError ? (
        <p className="alert" role="alert">
          {declare.error.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{m.conflictReason}</label>
        <textarea
          className="jury-textarea"
          id={`${id}-reason`}
          rows={3}
          maxLength={2000}
          required
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id}-reason-error` : undefined}
        />
        {reasonError ? (
          <p id={`${id}-reason-error`} className="field-error">
            {reasonError}
          </p>
        ) : null}
      </div>
      <div className="jury-actions">
        <button type="submit" className="primary" disabled={declare.isPending}>
          {m.conflictSubmit}
        </button>
        <button type="button" onClick={onCancel}>
          {m.cancel}
        </button>
      </div>
    </form>
  );
}
