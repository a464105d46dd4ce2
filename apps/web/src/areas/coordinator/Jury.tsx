import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, Fragment, useState } from 'react';
import { useParams } from 'react-router';
import { unwrap } from '../../api/client';
import {
  callJuryControllerAddMember,
  callJuryControllerRemoveMember,
  callJuryControllerSetConflict,
  callJuryControllerUpdateMember,
} from '../../api/generated/sdk.gen';
import type { CallDetailResponse, JuryMemberResponse, CallThemeResponse } from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { QueryStatus } from '../../components/QueryStatus';
import { useI18n } from '../../i18n/i18n';
import { CallHeading } from './CallHeading';
import { ErrorAlert, SelectField, TextAreaField } from './fields';
import { useCoordinatorMessages } from './messages';
import { conflictsQuery, juryQuery, jurorUsersQuery, PAGE_SIZE, submittedApplicationsQuery } from './queries';
import { Notice, Pager } from './Shell';

/** The call's jury (seating jurors with optional theme limits, changing them, removing jurors) and its conflicts of interest. */
export function Jury() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const callId = useParams().id ?? '';
  const call = useQuery(callQuery(callId));
  const jury = useQuery(juryQuery(callId));
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState('');
  const en = lang === 'en';
  const themeTitle = (id: string) => {
    const theme = call.data?.themes.find((t) => t.id === id);
    return theme ? (en ? theme.titleEn : theme.titleHu) : id;
  };
  const remove = useMutation({
    mutationFn: (member: JuryMemberResponse) =>
      unwrap(callJuryControllerRemoveMember({ path: { callId, memberId: member.id } })),
    onSuccess: async (_, member) => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'jury', callId] });
      setNotice(m.removed(member.name));
    },
  });
  const [editing, setEditing] = useState('');
  const seated = jury.data?.items.filter((member) => !member.removedAt) ?? [];

  return (
    <>
      <CallHeading call={call} title={m.juryTitle} fallback={m.jury} />
      {notice ? <Notice>{notice}</Notice> : null}
      <section aria-labelledby="jury-members">
        <h2 id="jury-members">{m.jurors}</h2>
        <QueryStatus query={jury} />
        <ErrorAlert error={remove.error} />
        {jury.data && seated.length === 0 ? <p>{m.noJurors}</p> : null}
        {seated.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{m.juror}</th>
                  <th scope="col">{m.organisationColumn}</th>
                  <th scope="col">{m.themes}</th>
                  <th scope="col">{m.declaration}</th>
                  <th scope="col">
                    <span className="visually-hidden">{m.actions}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {seated.map((member) => (
                  <Fragment key={member.id}>
                    <tr data-testid="jury-member">
                      <td>
                        {member.name}
                        <br />
                        <span className="muted">{member.email}</span>
                      </td>
                      <td>{en ? member.organisationNameEn : member.organisationNameHu}</td>
                      <td>{member.themeIds.length ? member.themeIds.map(themeTitle).join(', ') : m.allThemes}</td>
                      <td>{member.declarationAcceptedAt ? m.declared : m.notDeclared}</td>
                      <td>
                        <div className="actions">
                          <button
                            type="button"
                            onClick={() => setEditing(editing === member.id ? '' : member.id)}
                            aria-expanded={editing === member.id}
                            aria-label={`${m.editThemes}: ${member.name}`}
                          >
                            {m.editThemes}
                          </button>
                          <button
                            type="button"
                            onClick={() => remove.mutate(member)}
                            disabled={remove.isPending}
                            aria-label={`${m.removeJuror}: ${member.name}`}
                          >
                            {m.removeJuror}
                          </button>
                        </div>
                      </td>
                    </tr>
                    {editing === member.id && call.data ? (
                      <tr>
                        <td colSpan={5}>
                          <ThemesForm
                            themes={call.data.themes}
                            member={member}
                            onDone={(text) => {
                              setEditing('');
                              setNotice(text);
                            }}
                            onCancel={() => setEditing('')}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {call.data ? (
          <SeatForm call={call.data} seatedUserIds={seated.map((s) => s.userId)} onDone={setNotice} />
        ) : null}
      </section>
      <Conflicts callId={callId} members={seated} onDone={setNotice} />
    </>
  );
}

function SeatForm({
  call,
  seatedUserIds,
  onDone,
}: {
  call: CallDetailResponse;
  seatedUserIds: string[];
  onDone: (text: string) => void;
}) {
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const users = useQuery(jurorUsersQuery());
  const [userId, setUserId] = useState('');
  const [themeIds, setThemeIds] = useState<string[]>([]);
  const candidates = (users.data?.items ?? []).filter((u) => !seatedUserIds.includes(u.id));
  const seat = useMutation({
    mutationFn: () => unwrap(callJuryControllerAddMember({ path: { callId: call.id }, body: { userId, themeIds } })),
    onSuccess: async (member) => {
      // announced once the list shows it
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'jury', call.id] });
      onDone(m.seated(member.name));
      setUserId('');
      setThemeIds([]);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    seat.mutate();
  }

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <h3>{m.seatJuror}</h3>
      <QueryStatus query={users} />
      <ErrorAlert error={seat.error} />
      <SelectField
        id="seat-user"
        label={m.juror}
        value={userId}
        onValue={setUserId}
        empty={m.chooseJuror}
        options={candidates.map((u) => [u.id, `${u.name} (${u.email})`])}
      />
      <ThemeChecks idPrefix="seat-theme" themes={call.themes} value={themeIds} onValue={setThemeIds} />
      <button type="submit" className="primary" disabled={seat.isPending || !userId}>
        {m.seat}
      </button>
    </form>
  );
}

/** Checkboxes of the call's themes that limit what a juror scores (none ticked: every theme). */
function ThemeChecks({
  idPrefix,
  themes,
  value,
  onValue,
}: {
  idPrefix: string;
  themes: CallThemeResponse[];
  value: string[];
  onValue: (ids: string[]) => void;
}) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  return (
    <fieldset>
      <legend>{m.themeLimits}</legend>
      {themes.map((theme) => (
        <div className="check" key={theme.id}>
          <input
            id={`${idPrefix}-${theme.id}`}
            type="checkbox"
            checked={value.includes(theme.id)}
            onChange={(event) =>
              onValue(event.target.checked ? [...value, theme.id] : value.filter((x) => x !== theme.id))
            }
          />
          <label htmlFor={`${idPrefix}-${theme.id}`}>{lang === 'en' ? theme.titleEn : theme.titleHu}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Changes the theme limits of a seated juror. */
function ThemesForm({
  themes,
  member,
  onDone,
  onCancel,
}: {
  themes: CallThemeResponse[];
  member: JuryMemberResponse;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const [themeIds, setThemeIds] = useState(member.themeIds);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        callJuryControllerUpdateMember({ path: { callId: member.callId, memberId: member.id }, body: { themeIds } }),
      ),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'jury', member.callId] });
      onDone(m.themesUpdated(updated.name));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={`${m.editThemes}: ${member.name}`}>
      <ErrorAlert error={save.error} />
      <ThemeChecks idPrefix={`edit-theme-${member.id}`} themes={themes} value={themeIds} onValue={setThemeIds} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {m.saveThemes}
        </button>
        <button type="button" onClick={onCancel}>
          {m.cancel}
        </button>
      </div>
    </form>
  );
}

function Conflicts({
  callId,
  members,
  onDone,
}: {
  callId: string;
  members: JuryMemberResponse[];
  onDone: (text: string) => void;
}) {
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery(conflictsQuery(callId, page));
  const applications = useQuery(submittedApplicationsQuery(callId));
  const [form, setForm] = useState({ juryMemberId: '', applicationId: '', reason: '' });
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: () => unwrap(callJuryControllerSetConflict({ path: { callId }, body: form })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'conflicts', callId] });
      onDone(m.conflictSet);
      setForm({ juryMemberId: '', applicationId: '', reason: '' });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <section aria-labelledby="conflicts">
      <h2 id="conflicts">{m.conflicts}</h2>
      <QueryStatus query={list} />
      {list.data?.items.length === 0 ? <p>{m.noConflicts}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{m.juror}</th>
                <th scope="col">{m.application}</th>
                <th scope="col">{m.source}</th>
                <th scope="col">{m.reason}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={`${c.juryMemberId}-${c.applicationId}-${c.source}`} data-testid="conflict">
                  <td>{c.jurorName}</td>
                  <td>
                    {c.applicationTitle}
                    <br />
                    <span className="muted">{c.municipalityName}</span>
                  </td>
                  <td>{m.conflictSources[c.source]}</td>
                  <td className="prewrap">{c.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data && list.data.total > PAGE_SIZE ? (
        <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
      ) : null}
      {members.length > 0 ? (
        <form className="card form" onSubmit={submit} noValidate>
          <h3>{m.setConflict}</h3>
          <ErrorAlert error={save.error} />
          <SelectField
            id="conflict-juror"
            label={m.juror}
            value={form.juryMemberId}
            onValue={set('juryMemberId')}
            empty={m.chooseJuror}
            options={members.map((member) => [member.id, member.name])}
          />
          <SelectField
            id="conflict-application"
            label={m.application}
            value={form.applicationId}
            onValue={set('applicationId')}
            empty={m.chooseApplication}
            options={(applications.data?.items ?? []).map((a) => [a.id, `${a.title} (${a.municipality.name})`])}
          />
          <TextAreaField
            id="conflict-reason"
            label={m.reason}
            required
            rows={2}
            value={form.reason}
            onValue={set('reason')}
          />
          <button
            type="submit"
            className="primary"
            disabled={save.isPending || !form.juryMemberId || !form.applicationId || !form.reason.trim()}
          >
            {m.setConflict}
          </button>
        </form>
      ) : null}
    </section>
  );
}
