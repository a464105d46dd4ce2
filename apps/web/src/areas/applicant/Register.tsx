import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, setSession, unwrap } from '../../api/client';
import { authControllerLogin, authControllerRegister } from '../../api/generated/sdk.gen';
import type { MunicipalityResponseDto } from '../../api/generated/types.gen';
import { meQuery } from '../../api/queries';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { useI18n } from '../../i18n/i18n';
import './applicant.css';
import { Memberships } from './Memberships';
import { useApplicantMessages } from './messages';
import { MunicipalityCombobox } from './MunicipalityCombobox';
import { usePageTitle } from '../../components/usePageTitle';

/** /regisztracio: municipal staff register for a municipality, and are signed in at once. */
export function Register() {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  usePageTitle(m.registerTitle);
  const me = useQuery(meQuery());
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [position, setPosition] = useState('');
  const [municipality, setMunicipality] = useState<MunicipalityResponseDto>();
  const [missingMunicipality, setMissingMunicipality] = useState(false);
  const [justRegistered, setJustRegistered] = useState(false);

  const register = useMutation({
    mutationFn: async () => {
      await unwrap(
        authControllerRegister({
          body: {
            name,
            email,
            password,
            language: lang,
            municipalityKsh: municipality?.kshCode ?? '',
            ...(position.trim() ? { position } : {}),
          },
        }),
      );
      return unwrap(authControllerLogin({ body: { email, password } }));
    },
    onSuccess: (answer) => {
      setSession(true, answer.csrfToken);
      queryClient.setQueryData(meQuery().queryKey, answer.user);
      setJustRegistered(true);
    },
  });
  const error = register.error instanceof ApiError ? register.error : undefined;
  const fieldError = (field: string) => error?.fields[field];
  const general =
    register.error && !(error && Object.keys(error.fields).length > 0) ? register.error.message : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!municipality) {
      setMissingMunicipality(true);
      document.getElementById('register-municipality')?.focus();
      return;
    }
    register.mutate();
  }

  if (me.isPending) return <QueryStatus query={me} />;
  if (me.data) {
    return (
      <>
        <h1>{m.registerTitle}</h1>
        <p role="status" className={justRegistered ? 'notice' : undefined}>
          {justRegistered ? m.registered : m.alreadySignedIn}
        </p>
        <Memberships me={me.data} />
        <p>
          <Link to="/palyazataim">{m.toMyApplications}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{m.registerTitle}</h1>
      <p>{m.registerIntro}</p>
      <form className="card form" onSubmit={submit} noValidate>
        {general ? (
          <p className="alert" role="alert">
            {general}
          </p>
        ) : null}
        <Field
          id="register-name"
          name="name"
          autoComplete="name"
          required
          label={m.name}
          value={name}
          onValue={setName}
          error={fieldError('name')}
        />
        <Field
          id="register-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          label={m.email}
          value={email}
          onValue={setEmail}
          error={fieldError('email')}
        />
        <Field
          id="register-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          label={`${m.password} – ${m.passwordHint}`}
          value={password}
          onValue={setPassword}
          error={fieldError('password')}
        />
        <MunicipalityCombobox
          id="register-municipality"
          value={municipality}
          onChange={(chosen) => {
            setMunicipality(chosen);
            if (chosen) setMissingMunicipality(false);
          }}
          error={missingMunicipality ? m.municipalityRequired : fieldError('municipalityKsh')}
        />
        <Field
          id="register-position"
          name="position"
          autoComplete="organization-title"
          label={m.position}
          value={position}
          onValue={setPosition}
          error={fieldError('position')}
        />
        <button type="submit" className="primary" disabled={register.isPending}>
          {register.isPending ? m.registering : m.registerButton}
        </button>
      </form>
    </>
  );
}
