import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { FormEvent, type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/client';
import {
  callResultsControllerDecide,
  callResultsControllerDecideTheme,
  callResultsControllerSetAwardLevels,
} from '../../api/generated/sdk.gen';
import type {
  AwardLevelResponse,
  CallThemeResponse,
  RankingRowResponse,
  ThemeDecisionResponse,
} from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { BarChart } from './BarChart';
import { ErrorAlert, SelectField, TextAreaField } from './fields';
import { useCoordinatorMessages } from './messages';
import {
  awardLevelsQuery,
  decisionsQuery,
  jurorProgressQuery,
  rankingQuery,
  roundsQuery,
  sensitivityQuery,
} from './queries';
import { Notice } from './Shell';
import { PageHeading } from '../../components/PageHeading';

/**
 * A round's progress, ranking (with disagreement flags and the sensitivity view), the award
 * levels and the decisions per theme. The call, its rounds, award levels and decisions are
 * asked together; the round's own views follow as soon as the rounds say which round.
 */
export function Ranking() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const callId = useParams().id ?? '';
  const call = useQuery(callQuery(callId));
  const rounds = useQuery(roundsQuery(callId));
  const levels = useQuery(awardLevelsQuery(callId));
  const decisions = useQuery(decisionsQuery(callId));
  const [chosen, setChosen] = useState<string>();
  const roundId = chosen ?? rounds.data?.at(-1)?.id;
  const en = lang === 'en';
  const levelsEditor = (
    <>
      <QueryStatus query={levels} />
      <QueryStatus query={decisions} />
      {levels.data && decisions.data ? (
        <AwardLevels callId={callId} levels={levels.data} frozen={decisions.data.length > 0} />
      ) : null}
    </>
  );

  return (
    <>
      <PageHeading>{call.data ? m.rankingTitle(call.data.year) : m.ranking}</PageHeading>
      <QueryStatus query={call} />
      {call.data ? (
        <p>
          <Link to={`/koordinator/felhivasok/${callId}`}>{en ? call.data.titleEn : call.data.titleHu}</Link>
        </p>
      ) : null}
      <QueryStatus query={rounds} />
      {rounds.data?.length === 0 ? <p>{m.noRounds}</p> : null}
      {rounds.data && rounds.data.length > 1 ? (
        <div className="form">
          <SelectField
            id="round"
            label={m.round}
            value={roundId ?? ''}
            onValue={setChosen}
            options={rounds.data.map((round) => [round.id, en ? round.nameEn : round.nameHu])}
          />
        </div>
      ) : null}
      {roundId ? (
        <RoundView
          callId={callId}
          roundId={roundId}
          themes={call.data?.themes ?? []}
          levels={levels}
          decisions={decisions}
          levelsEditor={levelsEditor}
        />
      ) : (
        levelsEditor
      )}
    </>
  );
}

function RoundView({
  callId,
  roundId,
  themes,
  levels,
  decisions,
  levelsEditor,
}: {
  callId: string;
  roundId: string;
  themes: CallThemeResponse[];
  levels: UseQueryResult<AwardLevelResponse[]>;
  decisions: UseQueryResult<ThemeDecisionResponse[]>;
  levelsEditor: ReactNode;
}) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const en = lang === 'en';
  const themeTitle = (id: string) => {
    const theme = themes.find((t) => t.id === id);
    return theme ? (en ? theme.titleEn : theme.titleHu) : id;
  };
  const [themeId, setThemeId] = useState('');
  const [flagged, setFlagged] = useState(false);
  const progress = useQuery(jurorProgressQuery(roundId));
  const whole = useQuery(rankingQuery(roundId, undefined, false));
  const filtered = useQuery(rankingQuery(roundId, themeId || undefined, flagged));
  const sensitivity = useQuery(sensitivityQuery(roundId));
  const titleOf = (applicationId: string) =>
    whole.data?.items.find((row) => row.applicationId === applicationId)?.title ?? applicationId.slice(0, 8);
  const score = (value: number | null) => (value === null ? '–' : formatNumber(Math.round(value * 100) / 100, lang));

  return (
    <>
      <section aria-labelledby="dashboards" className="card">
        <h2 id="dashboards">{m.dashboards}</h2>
        {progress.data ? (
          <BarChart
            title={m.jurorProgress}
            rows={progress.data.items.map((juror) => ({
              key: juror.juryMemberId,
              label: `${juror.name} (${juror.organisationCode})`,
              value: juror.assigned > 0 ? juror.submitted / juror.assigned : 0,
              text: `${formatNumber(juror.submitted, lang)} / ${formatNumber(juror.assigned, lang)}`,
            }))}
            max={1}
          />
        ) : (
          <QueryStatus query={progress} />
        )}
      </section>

      <section aria-labelledby="ranking">
        <h2 id="ranking">{m.ranking}</h2>
        <div className="filters">
          <SelectField
            id="ranking-theme"
            label={m.theme}
            value={themeId}
            onValue={setThemeId}
            options={themes.map((theme) => [theme.id, en ? theme.titleEn : theme.titleHu])}
            empty={m.any}
          />
          <div className="check">
            <input
              id="ranking-flagged"
              type="checkbox"
              checked={flagged}
              onChange={(event) => setFlagged(event.target.checked)}
            />
            <label htmlFor="ranking-flagged">{m.onlyFlagged}</label>
          </div>
        </div>
        <QueryStatus query={filtered} />
        {filtered.data ? (
          <>
            <p className="muted">
              {m.method}: {m.methods[filtered.data.methodUsed]}
            </p>
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{m.theme}</th>
                    <th scope="col">{m.rank}</th>
                    <th scope="col">{m.title}</th>
                    <th scope="col">{m.score}</th>
                    <th scope="col">{m.jurors}</th>
                    <th scope="col">{m.spread}</th>
                    <th scope="col">{m.disagreement}</th>
                  </tr>
                </thead>
                <tbody>
                  {filtered.data.items.map((row) => (
                    <tr key={row.applicationId} data-testid="ranking-row">
                      <td>{themeTitle(row.themeId)}</td>
                      <td>{row.rank ?? '–'}</td>
                      <td>
                        {row.title}
                        <br />
                        <span className="muted">{row.municipalityName}</span>
                      </td>
                      <td>{score(row.score)}</td>
                      <td>{row.jurors}</td>
                      <td>{score(row.range)}</td>
                      <td>{row.flagged ? <span className="flag">{m.flagged}</span> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="sensitivity" className="card">
        <h2 id="sensitivity">{m.sensitivity}</h2>
        <QueryStatus query={sensitivity} />
        {sensitivity.data ? (
          <>
            <p className={sensitivity.data.differs ? 'flag' : undefined}>
              {sensitivity.data.differs ? m.sensitivityDiffers : m.sensitivitySame}
            </p>
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{m.method}</th>
                    {themes.map((theme) => (
                      <th scope="col" key={theme.id}>
                        {en ? theme.titleEn : theme.titleHu}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sensitivity.data.methods.map((method) => (
                    <tr key={method.method}>
                      <th scope="row">
                        {m.methods[method.method]}
                        {method.used !== method.method ? ` → ${m.methods[method.used]}` : ''}
                      </th>
                      {themes.map((theme) => (
                        <td key={theme.id}>{(method.winners[theme.id] ?? []).map(titleOf).join(', ') || '–'}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="decisions">
        <h2 id="decisions">{m.decisions}</h2>
        {levelsEditor}
        {levels.data?.length === 0 ? <p>{m.noLevels}</p> : null}
        {levels.data && levels.data.length > 0 && whole.data && decisions.data
          ? themes.map((theme) => (
              <ThemeDecision
                key={theme.id}
                callId={callId}
                theme={theme}
                rows={whole.data.items.filter((row) => row.themeId === theme.id)}
                levels={levels.data}
                decision={decisions.data.find((d) => d.themeId === theme.id)}
              />
            ))
          : null}
        <Finalise callId={callId} />
      </section>
    </>
  );
}

function ThemeDecision({
  callId,
  theme,
  rows,
  levels,
  decision,
}: {
  callId: string;
  theme: CallThemeResponse;
  rows: RankingRowResponse[];
  levels: AwardLevelResponse[];
  decision: ThemeDecisionResponse | undefined;
}) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const en = lang === 'en';
  const queryClient = useQueryClient();
  const initial = Object.fromEntries((decision?.awards ?? []).map((a) => [a.applicationId, a.level]));
  const [chosen, setChosen] = useState<Record<string, string>>(initial);
  const [justification, setJustification] = useState(decision?.justification ?? '');
  const [correction, setCorrection] = useState('');
  const [saved, setSaved] = useState(false);
  const ordered = [...rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const save = useMutation({
    mutationFn: () => {
      const levelOrder = (code: string) => levels.findIndex((l) => l.code === code);
      const awards = ordered
        .filter((row) => chosen[row.applicationId])
        .map((row) => ({ applicationId: row.applicationId, level: chosen[row.applicationId] }))
        .sort((a, b) => levelOrder(a.level) - levelOrder(b.level));
      return unwrap(
        callResultsControllerDecideTheme({
          path: { callId, themeId: theme.id },
          body: {
            awards,
            ...(justification.trim() ? { justification: justification.trim() } : {}),
            ...(correction.trim() ? { correction: correction.trim() } : {}),
          },
        }),
      );
    },
    onSuccess: () => {
      setSaved(true);
      return queryClient.invalidateQueries({ queryKey: ['coordinator', 'decisions', callId] });
    },
  });
  const title = en ? theme.titleEn : theme.titleHu;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`decision-${theme.id}`}>
      <h3 id={`decision-${theme.id}`}>{title}</h3>
      {decision ? (
        <p className="muted">
          {m.decided}: {decision.followsRanking ? m.followsRanking : m.departs}
        </p>
      ) : null}
      {save.error ? (
        <p className="alert" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {saved ? <Notice>{m.decisionSaved}</Notice> : null}
      <div className="filters">
        {ordered.map((row) => (
          <SelectField
            key={row.applicationId}
            id={`award-${row.applicationId}`}
            label={`${row.rank ?? '–'}. ${row.title} (${row.municipalityName})`}
            value={chosen[row.applicationId] ?? ''}
            onValue={(value) => setChosen((c) => ({ ...c, [row.applicationId]: value }))}
            options={levels.map((level) => [level.code, en ? level.nameEn : level.nameHu])}
            empty={m.noAward}
          />
        ))}
      </div>
      <TextAreaField
        id={`justification-${theme.id}`}
        label={m.justification}
        value={justification}
        onValue={setJustification}
      />
      {decision ? (
        <TextAreaField id={`correction-${theme.id}`} label={m.correction} value={correction} onValue={setCorrection} />
      ) : null}
      <button type="submit" className="primary" disabled={save.isPending}>
        {m.saveDecision}
      </button>
    </form>
  );
}

function Finalise({ callId }: { callId: string }) {
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const call = useQuery(callQuery(callId));
  const decide = useMutation({
    mutationFn: () => unwrap(callResultsControllerDecide({ path: { callId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: callQuery(callId).queryKey }),
  });
  if (call.data?.status !== 'scoring' && !decide.isSuccess) return null;
  return (
    <div>
      {decide.error ? (
        <p className="alert" role="alert">
          {decide.error.message}
        </p>
      ) : null}
      {decide.isSuccess ? (
        <Notice>{m.finalised}</Notice>
      ) : (
        <button type="button" className="primary" onClick={() => decide.mutate()} disabled={decide.isPending}>
          {m.finalise}
        </button>
      )}
    </div>
  );
}

interface LevelDraft {
  /** A key for React that stays with the row while it moves. */
  key: number;
  code: string;
  nameHu: string;
  nameEn: string;
}

/** The call's award levels, highest first: changed, reordered, added and removed until a theme is decided. */
function AwardLevels({ callId, levels, frozen }: { callId: string; levels: AwardLevelResponse[]; frozen: boolean }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<LevelDraft[]>(() =>
    levels.map((level, index) => ({ key: index, code: level.code, nameHu: level.nameHu, nameEn: level.nameEn })),
  );
  const [next, setNext] = useState(levels.length);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        callResultsControllerSetAwardLevels({
          path: { callId },
          body: { levels: rows.map(({ code, nameHu, nameEn }) => ({ code: code.trim(), nameHu, nameEn })) },
        }),
      ),
    onSuccess: async (stored) => {
      queryClient.setQueryData(awardLevelsQuery(callId).queryKey, stored);
      await queryClient.invalidateQueries({ queryKey: awardLevelsQuery(callId).queryKey });
      setSaved(true);
    },
  });
  const change = (key: number, field: 'code' | 'nameHu' | 'nameEn', value: string) => {
    setSaved(false);
    setRows((current) => current.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  };
  const move = (index: number, by: -1 | 1) => {
    setSaved(false);
    setRows((current) => {
      const moved = [...current];
      [moved[index], moved[index + by]] = [moved[index + by], moved[index]];
      return moved;
    });
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }

  if (frozen) {
    return (
      <section aria-labelledby="award-levels" className="card">
        <h3 id="award-levels">{m.awardLevels}</h3>
        <p>{m.awardLevelsFrozen}</p>
        <ol data-testid="award-levels">
          {levels.map((level) => (
            <li key={level.code}>
              {lang === 'en' ? level.nameEn : level.nameHu} <span className="muted">({level.code})</span>
            </li>
          ))}
        </ol>
      </section>
    );
  }
  return (
    <section aria-labelledby="award-levels" className="card">
      <h2 id="award-levels">{m.awardLevels}</h2>
      <p className="muted">{m.awardLevelsIntro}</p>
      <form className="form" onSubmit={submit}>
        <ErrorAlert error={save.error} />
        {saved ? <Notice>{m.levelsSaved}</Notice> : null}
        {rows.map((row, index) => (
          <fieldset key={row.key} className="level-row" data-testid="award-level">
            <legend>{m.levelNumber(index + 1)}</legend>
            <div className="filters">
              <Field
                id={`level-code-${row.key}`}
                label={m.levelCode}
                value={row.code}
                onValue={(value) => change(row.key, 'code', value)}
                required
                maxLength={40}
              />
              <Field
                id={`level-hu-${row.key}`}
                label={m.levelNameHu}
                value={row.nameHu}
                onValue={(value) => change(row.key, 'nameHu', value)}
                required
                maxLength={100}
              />
              <Field
                id={`level-en-${row.key}`}
                label={m.levelNameEn}
                value={row.nameEn}
                onValue={(value) => change(row.key, 'nameEn', value)}
                required
                maxLength={100}
              />
            </div>
            <div className="actions">
              <button
                type="button"
                onClick={() => move(index, -1)}
                disabled={index === 0}
                aria-label={`${m.moveUp}: ${m.levelNumber(index + 1)}`}
              >
                {m.moveUp}
              </button>
              <button
                type="button"
                onClick={() => move(index, 1)}
                disabled={index === rows.length - 1}
                aria-label={`${m.moveDown}: ${m.levelNumber(index + 1)}`}
              >
                {m.moveDown}
              </button>
              <button
                type="button"
                onClick={() => {
                  setSaved(false);
                  setRows((current) => current.filter((r) => r.key !== row.key));
                }}
                disabled={rows.length === 1}
                aria-label={`${m.removeLevel}: ${m.levelNumber(index + 1)}`}
              >
                {m.removeLevel}
              </button>
            </div>
          </fieldset>
        ))}
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setSaved(false);
              setRows((current) => [...current, { key: next, code: '', nameHu: '', nameEn: '' }]);
              setNext((n) => n + 1);
            }}
            disabled={rows.length >= 10}
          >
            {m.addLevel}
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {m.saveLevels}
          </button>
        </div>
      </form>
    </section>
  );
}
