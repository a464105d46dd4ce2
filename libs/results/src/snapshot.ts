import type { Lang } from '@portal/core';
import type { JurySettingsView } from '@portal/jury';
import type { RankedRow } from '@portal/scoring';

/**
 * Everything a publication's results rest on, frozen when the worker publishes: the
 * settings and method, the award levels, every round's criteria, every scorecard (counted
 * or excluded, with why), each round's ranking with the tie-breaks applied, and the
 * decisions. Its SHA-256 (over the canonical JSON) is stored beside it.
 */
export interface ResultsSnapshot {
  format: 1;
  call: { id: string; year: number; titleHu: string; titleEn: string };
  version: number;
  reason: string | null;
  publishedAt: string;
  decisionsFingerprint: string;
  settings: JurySettingsView;
  awardLevels: Array<{ code: string; position: number; nameHu: string; nameEn: string }>;
  themes: Array<{ id: string; position: number; titleHu: string; titleEn: string }>;
  applications: Array<{
    id: string;
    themeId: string;
    municipalityKsh: string;
    municipalityName: string;
    county: string;
    title: string | null;
    summary: string;
    formalCheck: string | null;
  }>;
  rounds: Array<{
    id: string;
    number: number;
    nameHu: string;
    nameEn: string;
    closedAt: string;
    criteria: Array<{
      id: string;
      nameHu: string;
      nameEn: string;
      weight: number;
      maxPoints: number;
      tieBreakOrder: number | null;
    }>;
    scorecards: Array<{
      assignmentId: string;
      applicationId: string;
      juryMemberId: string;
      organisationCode: string;
      status: string;
      counted: boolean;
      excludedReason: string | null;
      points: Record<string, number | null>;
      abstentions: Record<string, string>;
    }>;
    ranking: { methodRequested: string; methodUsed: string; notes: string[]; rows: RankedRow[] };
  }>;
  decisions: Array<{
    themeId: string;
    roundId: string;
    followsRanking: boolean;
    justification: string | null;
    committeeOrder: string[];
    version: number;
    decidedAt: string;
    awards: Array<{
      applicationId: string;
      level: string;
      position: number;
      rankAtDecision: number | null;
      scoreAtDecision: number | null;
    }>;
  }>;
}

/** What the public sees of a publication: themes, their awards in order; no scores of jurors, no juror, no notes. */
export interface PublicResults {
  call: { id: string; year: number; title: string };
  version: number;
  publishedAt: string;
  sha256?: string;
  scoringMethod: string;
  themes: Array<{
    id: string;
    title: string;
    awards: Array<{
      position: number;
      levelCode: string;
      level: string;
      applicationId: string;
      municipalityKsh: string;
      municipality: string;
      county: string;
      title: string;
      summary: string;
    }>;
  }>;
}

export function buildPublicResults(snapshot: ResultsSnapshot, lang: Lang): PublicResults {
  const applications = new Map(snapshot.applications.map((a) => [a.id, a]));
  const levels = new Map(snapshot.awardLevels.map((l) => [l.code, l]));
  return {
    call: {
      id: snapshot.call.id,
      year: snapshot.call.year,
      title: lang === 'hu' ? snapshot.call.titleHu : snapshot.call.titleEn,
    },
    version: snapshot.version,
    publishedAt: snapshot.publishedAt,
    scoringMethod: snapshot.settings.scoringMethod,
    themes: [...snapshot.themes]
      .sort((a, b) => a.position - b.position)
      .map((theme) => ({
        id: theme.id,
        title: lang === 'hu' ? theme.titleHu : theme.titleEn,
        awards: (snapshot.decisions.find((d) => d.themeId === theme.id)?.awards ?? [])
          .slice()
          .sort((a, b) => a.position - b.position)
          .map((award) => {
            const application = applications.get(award.applicationId);
            const level = levels.get(award.level);
            return {
              position: award.position,
              levelCode: award.level,
              level: (lang === 'hu' ? level?.nameHu : level?.nameEn) ?? award.level,
              applicationId: award.applicationId,
              municipalityKsh: application?.municipalityKsh ?? '',
              municipality: application?.municipalityName ?? '',
              county: application?.county ?? '',
              title: application?.title ?? '',
              summary: application?.summary ?? '',
            };
          }),
      })),
  };
}

/** What changed from one version to the next: awards added, removed or changed, and the applications concerned. */
export function snapshotChanges(before: ResultsSnapshot, after: ResultsSnapshot): Record<string, unknown> {
  const awards = (s: ResultsSnapshot) =>
    new Map(
      s.decisions.flatMap((d) =>
        d.awards.map((a) => [a.applicationId, { themeId: d.themeId, level: a.level, position: a.position }]),
      ),
    );
  const a = awards(before);
  const b = awards(after);
  const added = [...b.keys()].filter((id) => !a.has(id)).map((id) => ({ applicationId: id, ...b.get(id) }));
  const removed = [...a.keys()].filter((id) => !b.has(id)).map((id) => ({ applicationId: id, ...a.get(id) }));
  const changed = [...b.keys()]
    .filter((id) => a.has(id) && JSON.stringify(a.get(id)) !== JSON.stringify(b.get(id)))
    .map((id) => ({ applicationId: id, from: a.get(id), to: b.get(id) }));
  const applications = [...added, ...removed, ...changed].map((c) => c.applicationId).sort();
  return { fromVersion: before.version, toVersion: after.version, added, removed, changed, applications };
}
