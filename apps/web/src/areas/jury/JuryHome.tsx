import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../../api/client';
import { jurorControllerAccept } from '../../api/generated/sdk.gen';
import type { JurorCallResponse } from '../../api/generated/types.gen';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useJuryMessages } from './messages';
import { declarationQuery, jurorCallsQuery } from './queries';
import './jury.css';
import { PageHeading } from '../../components/PageHeading';

/** /zsuri: the juror's calls; each call's declaration to accept before anything else. */
export function JuryHome() {
  const { lang } = useI18n();
  const m = useJuryMessages();
  // both at once: the declaration's text does not wait for the calls (no request waterfall)
  const calls = useQuery(jurorCallsQuery());
  const declaration = useQuery(declarationQuery(lang));
  const pending = calls.data?.some((call) => !call.declarationAcceptedAt) ?? false;

  return (
    <>
      <PageHeading>{m.homeTitle}</PageHeading>
      <QueryStatus query={calls} />
      {calls.data?.length === 0 ? <p>{m.noCalls}</p> : null}
      {pending ? <QueryStatus query={declaration} /> : null}
      <ul className="card-list">
        {calls.data?.map((call) => (
          <li key={call.callId} className="card">
            <h2>{lang === 'en' ? call.titleEn : call.titleHu}</h2>
            {call.declarationAcceptedAt ? (
              <>
                <p className="muted">
                  {m.acceptedAt}{' '}
                  <time dateTime={call.declarationAcceptedAt}>{formatDateTime(call.declarationAcceptedAt, lang)}</time>
                </p>
                <ul className="plain-list">
                  <li>
                    <Link to="/zsuri/ertekeles">{m.toScoring}</Link>
                  </li>
                  <li>
                    <Link to={`/zsuri/palyazatok/${call.callId}`}>{m.candidatesLink}</Link>
                  </li>
                </ul>
              </>
            ) : declaration.data ? (
              <DeclarationForm call={call} title={declaration.data.title} text={declaration.data.text} />
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function DeclarationForm({ call, title, text }: { call: JurorCallResponse; title: string; text: string }) {
  const m = useJuryMessages();
  const [accepted, setAccepted] = useState(false);
  const [tried, setTried] = useState(false);
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => unwrap(jurorControllerAccept({ path: { callId: call.callId }, body: { accept: true } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jury'] }),
  });
  const id = `declaration-${call.callId}`;
  const showMissing = tried && !accepted;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (accepted) accept.mutate();
  }

  return (
    <form className="declaration" onSubmit={submit} noValidate>
      <p>{m.declarationIntro}</p>
      <h3 id={`${id}-title`}>{title}</h3>
      <div className="declaration-text prewrap" tabIndex={0} aria-labelledby={`${id}-title`} role="region">
        {text}
      </div>
      <div className="jury-check">
        <input
          id={id}
          type="checkbox"
          checked={accepted}
          onChange={(event) => setAccepted(event.target.checked)}
          aria-invalid={showMissing ? true : undefined}
          aria-describedby={showMissing ? `${id}-error` : undefined}
        />
        <label htmlFor={id}>{m.accept}</label>
      </div>
      {showMissing ? (
        <p id={`${id}-error`} className="field-error">
          {m.mustAccept}
        </p>
      ) : null}
      {accept.error ? (
        <p className="alert" role="alert">
          {accept.error.message}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={accept.isPending}>
        {accept.isPending ? m.accepting : m.acceptButton}
      </button>
    </form>
  );
}
