import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { FieldProblems } from '@portal/core';
import type { CallQuestion } from '@portal/calls';

export interface ApplicationContact {
  name?: string;
  position?: string;
  email?: string;
  phone?: string;
}

/** An answer to one of the call's extra questions: text, a number, a date (YYYY-MM-DD) or a choice's value. */
export type AnswerValue = string | number;

/** The application form. Every field is optional in a draft; see REQUIRED_FIELDS for submission. */
export interface ApplicationContent {
  title?: string;
  /** At most SUMMARY_MAX_LENGTH characters. */
  summary?: string;
  problem?: string;
  practice?: string;
  /** Results and impact, with figures. */
  results?: string;
  /** Total cost in HUF, a whole number ≥ 0. */
  costHuf?: number;
  /** Where the money came from (own funds, grants …). Optional. */
  funding?: string;
  /** Optional: not every practice has partners. */
  partners?: string;
  /**
   * Steering-committee organisations (by code, e.g. "TÖOSZ") that are partners in the
   * practice: their jurors have a conflict of interest with the application.
   */
  partnerOrganisations?: string[];
  communityParticipation?: string;
  sustainability?: string;
  /** What another municipality needs to adopt the practice. */
  adoption?: string;
  /** When the practice started: a calendar day, YYYY-MM-DD. */
  startDate?: string;
  contact?: ApplicationContact;
  /** Answers to the call's extra questions, by question id. */
  answers?: Record<string, AnswerValue>;
}

/** A change to a draft: a field given replaces it, null clears it, a field left out stays. */
export type ContentPatch = {
  [K in keyof Omit<ApplicationContent, 'contact' | 'answers'>]?: ApplicationContent[K] | null;
} & {
  contact?: { [K in keyof ApplicationContact]?: string | null } | null;
  answers?: Record<string, AnswerValue | null> | null;
};

/** One attachment as a submission freezes it. */
export interface SubmittedAttachment {
  id: string;
  displayName: string;
  kind: string;
  sizeBytes: number;
  sha256: string;
}

export const SUMMARY_MAX_LENGTH = 1000;
export const TITLE_MAX_LENGTH = 300;
export const TEXT_MAX_LENGTH = 20_000;
export const SHORT_ANSWER_MAX_LENGTH = 500;

type TextField =
  'title' | 'summary' | 'problem' | 'practice' | 'results' | 'communityParticipation' | 'sustainability' | 'adoption';

/**
 * What a submission needs, in the order of the form. Funding and partners are optional: a
 * practice may run on the municipality's own budget and without partners, and the cost
 * (costHuf, required) already says what it took.
 */
export const REQUIRED_FIELDS: ReadonlyArray<TextField | 'costHuf' | 'startDate'> = [
  'title',
  'summary',
  'problem',
  'practice',
  'results',
  'costHuf',
  'communityParticipation',
  'sustainability',
  'adoption',
  'startDate',
];
export const REQUIRED_CONTACT_FIELDS: ReadonlyArray<keyof ApplicationContact> = ['name', 'position', 'email', 'phone'];

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The draft after a patch: given fields replaced, null ones removed, contact and answers merged key by key. */
export function mergeContent(current: ApplicationContent, patch: ContentPatch): ApplicationContent {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'contact' || key === 'answers') {
      if (value === null) {
        delete next[key];
        continue;
      }
      const merged: Record<string, unknown> = { ...((next[key] as Record<string, unknown> | undefined) ?? {}) };
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        if (innerValue === undefined) continue;
        if (innerValue === null) delete merged[inner];
        else merged[inner] = innerValue;
      }
      if (Object.keys(merged).length) next[key] = merged;
      else delete next[key];
      continue;
    }
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** The dotted names of the fields a patch changes (for the audit log: names, never the text). */
export function changedFields(before: ApplicationContent, after: ApplicationContent): string[] {
  const changed: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (key === 'contact' || key === 'answers') {
      const inner = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
      for (const name of [...inner].sort()) {
        const x = (a as Record<string, unknown> | undefined)?.[name];
        const y = (b as Record<string, unknown> | undefined)?.[name];
        if (canonicalJson(x ?? null) !== canonicalJson(y ?? null)) changed.push(`${key}.${name}`);
      }
    } else if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) {
      changed.push(key);
    }
  }
  return changed;
}

/**
 * Checks the answers a patch gives against the call's current questions: each must name a
 * question of the call and fit its kind. Problems are keyed `content.answers.<questionId>`.
 */
export function answerProblems(
  answers: Record<string, unknown> | null | undefined,
  questions: CallQuestion[],
): FieldProblems {
  const problems: FieldProblems = {};
  if (!answers) return problems;
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(answers)) {
    const field = `content.answers.${id}`;
    const question = byId.get(id);
    if (!question) {
      problems[field] = { key: 'fields.unknownQuestion' };
      continue;
    }
    if (value === null) continue;
    switch (question.kind) {
      case 'short_text':
      case 'long_text': {
        const max = question.kind === 'short_text' ? SHORT_ANSWER_MAX_LENGTH : TEXT_MAX_LENGTH;
        if (typeof value !== 'string') problems[field] = { key: 'validation.isString' };
        else if (value.length > max) problems[field] = { key: 'validation.maxLength', args: { constraints: [max] } };
        break;
      }
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) problems[field] = { key: 'validation.isNumber' };
        break;
      case 'date':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) {
          problems[field] = { key: 'validation.isoDate' };
        }
        break;
      case 'single_choice': {
        const values = (question.choices ?? []).map((choice) => choice.value);
        if (typeof value !== 'string' || !values.includes(value)) {
          problems[field] = { key: 'validation.isIn', args: { constraints: [values.join(', ')] } };
        }
        break;
      }
    }
  }
  return problems;
}

/**
 * Exactly which fields a submission would still miss, as field paths in form order:
 * `content.summary`, `content.contact.email`, `content.answers.<questionId>`.
 */
export function missingFields(content: ApplicationContent, questions: CallQuestion[]): string[] {
  const missing: string[] = [];
  for (const field of REQUIRED_FIELDS) {
    if (isBlank(content[field])) missing.push(`content.${field}`);
  }
  for (const field of REQUIRED_CONTACT_FIELDS) {
    if (isBlank(content.contact?.[field])) missing.push(`content.contact.${field}`);
  }
  for (const question of questions) {
    if (question.required && isBlank(content.answers?.[question.id])) missing.push(`content.answers.${question.id}`);
  }
  return missing;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so the same content
 * always gives the same bytes (and the same SHA-256), whatever order it was saved in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The SHA-256 (hex) a receipt shows: of the canonical JSON (UTF-8) of
 * `{ "attachments": [{ displayName, id, kind, sha256, sizeBytes } …by upload time, then id], "content": {…} }`.
 * The attachments' own SHA-256 make the digest cover the files' bytes too.
 */
export function submissionDigest(content: ApplicationContent, attachments: SubmittedAttachment[]): string {
  return createHash('sha256').update(canonicalJson({ content, attachments }), 'utf8').digest('hex');
}
