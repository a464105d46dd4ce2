import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentContext, DomainError, ErrorCode, type Lang, offsetOf, Page, pageOf, PageQueryDto } from '@portal/core';

export interface AuditEntry {
  /** The user who acted; null for the system (a job, a migration, the demo seed). */
  actorId: string | null;
  /** What happened, dotted: `user.registered`, `membership.approved`. */
  action: string;
  targetType: string;
  targetId: string | null;
  /** A summary of what changed: never secrets (passwords, tokens). */
  changes?: Record<string, unknown>;
}

export interface AuditFilter {
  actorId?: string;
  /** Part of the actor's name or e-mail address (case-insensitive). */
  actor?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
  /** The first Budapest day shown, 'YYYY-MM-DD' (inclusive). */
  from?: string;
  /** The last Budapest day shown, 'YYYY-MM-DD' (inclusive). */
  to?: string;
}

/** One entry of the log as coordinators read it: with the actor's name and what the target is. */
export interface AuditListEntry {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  /** Null for the system, or an account that no longer exists. */
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** The target in words (a call's year and title, an application's title and municipality, a person's name …). */
  targetLabel: string | null;
  /** The call the target belongs to (itself for a call), when it belongs to one. */
  targetCallId: string | null;
  requestId: string | null;
  changes: Record<string, unknown>;
}

/** `%`, `_` and `\\` taken literally in a LIKE pattern. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The target of the entry `a` in words and the call it belongs to, by target type, in the
 * language of the parameter `lang` (hu or en). Targets that no longer exist, or of a type not
 * listed, give nulls.
 */
const targetSql = (a: string, lang: string) =>
  `LEFT JOIN LATERAL (
    SELECT CASE ${a}.target_type
      WHEN 'user' THEN (SELECT u.name FROM app_user u WHERE u.id::text = ${a}.target_id)
      WHEN 'call' THEN (SELECT c.year || ' · ' || CASE WHEN ${lang} = 'en' THEN c.title_en ELSE c.title_hu END
                          FROM call c WHERE c.id::text = ${a}.target_id)
      WHEN 'application' THEN (SELECT x.title || ' (' || m.name || ')' FROM application x
                                 JOIN municipality m ON m.ksh_code = x.municipality_ksh WHERE x.id::text = ${a}.target_id)
      WHEN 'assignment' THEN (SELECT x.title || ' · ' || u.name FROM assignment s
                                JOIN application x ON x.id = s.application_id
                                JOIN jury_member j ON j.id = s.jury_member_id
                                JOIN app_user u ON u.id = j.user_id WHERE s.id::text = ${a}.target_id)
      WHEN 'membership' THEN (SELECT u.name || ' · ' || m.name FROM membership s
                                JOIN app_user u ON u.id = s.user_id
                                JOIN municipality m ON m.ksh_code = s.municipality_ksh WHERE s.id::text = ${a}.target_id)
      WHEN 'invitation' THEN (SELECT i.name || ' <' || i.email || '>' FROM invitation i WHERE i.id::text = ${a}.target_id)
      WHEN 'deadline_extension' THEN (SELECT m.name FROM deadline_extension d
                                        JOIN municipality m ON m.ksh_code = d.municipality_ksh WHERE d.id::text = ${a}.target_id)
      WHEN 'scoring_round' THEN (SELECT c.year || ' · ' || CASE WHEN ${lang} = 'en' THEN r.name_en ELSE r.name_hu END
                                   FROM scoring_round r JOIN call c ON c.id = r.call_id WHERE r.id::text = ${a}.target_id)
      WHEN 'publication' THEN (SELECT c.year || ' · ' || CASE WHEN ${lang} = 'en' THEN c.title_en ELSE c.title_hu END || ' · #' || p.version
                                 FROM publication p JOIN call c ON c.id = p.call_id WHERE p.id::text = ${a}.target_id)
      WHEN 'call_theme' THEN (SELECT CASE WHEN ${lang} = 'en' THEN t.title_en ELSE t.title_hu END FROM call_theme t WHERE t.id::text = ${a}.target_id)
      WHEN 'call_criterion' THEN (SELECT CASE WHEN ${lang} = 'en' THEN t.name_en ELSE t.name_hu END FROM call_criterion t WHERE t.id::text = ${a}.target_id)
      WHEN 'call_question' THEN (SELECT CASE WHEN ${lang} = 'en' THEN t.label_en ELSE t.label_hu END FROM call_question t WHERE t.id::text = ${a}.target_id)
    END AS label,
    CASE ${a}.target_type
      WHEN 'call' THEN (SELECT c.id FROM call c WHERE c.id::text = ${a}.target_id)
      WHEN 'application' THEN (SELECT x.call_id FROM application x WHERE x.id::text = ${a}.target_id)
      WHEN 'assignment' THEN (SELECT r.call_id FROM assignment s JOIN scoring_round r ON r.id = s.round_id WHERE s.id::text = ${a}.target_id)
      WHEN 'deadline_extension' THEN (SELECT d.call_id FROM deadline_extension d WHERE d.id::text = ${a}.target_id)
      WHEN 'scoring_round' THEN (SELECT r.call_id FROM scoring_round r WHERE r.id::text = ${a}.target_id)
      WHEN 'publication' THEN (SELECT p.call_id FROM publication p WHERE p.id::text = ${a}.target_id)
      WHEN 'call_theme' THEN (SELECT t.call_id FROM call_theme t WHERE t.id::text = ${a}.target_id)
      WHEN 'call_criterion' THEN (SELECT t.call_id FROM call_criterion t WHERE t.id::text = ${a}.target_id)
      WHEN 'call_question' THEN (SELECT t.call_id FROM call_question t WHERE t.id::text = ${a}.target_id)
    END AS call_id
  ) target ON true`;

/** The audit log: written with the same EntityManager, so in the same transaction, as the change. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes, request_id, ip)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
      auditParams(entry),
    );
  }

  /**
   * Runs one data-modifying statement (`change.text`, ending in RETURNING) and records `entry`
   * in that same statement, once for each row it changed: the change and its audit row are one
   * atomic statement, without a transaction around them. Answers the changed rows (none when
   * the statement's WHERE matched nothing: then nothing is recorded either).
   */
  async recordWithChange<T>(
    manager: EntityManager,
    change: { text: string; params: unknown[] },
    entry: AuditEntry,
  ): Promise<T[]> {
    const at = change.params.length;
    const [actor, action, targetType, targetId, changes, requestId, ip] = [1, 2, 3, 4, 5, 6, 7].map(
      (i) => `$${at + i}`,
    );
    return manager.query<T[]>(
      `WITH changed AS (${change.text}),
            audited AS (INSERT INTO audit_log (actor_id, action, target_type, target_id, changes, request_id, ip)
                        SELECT ${actor}::uuid, ${action}::text, ${targetType}::text, ${targetId}::text, ${changes}::jsonb,
                               ${requestId}::text, ${ip}::text FROM changed)
       SELECT * FROM changed`,
      [...change.params, ...auditParams(entry)],
    );
  }

  /**
   * A page of the log, newest first, filtered; each entry with its actor's name and its target
   * in words (in `lang`). Days are Budapest days: `to` includes the whole of its day; a `to`
   * before `from` is refused naming `to`.
   */
  async list(filter: AuditFilter, page: PageQueryDto, lang: Lang): Promise<Page<AuditListEntry>> {
    if (filter.from && filter.to && filter.to < filter.from) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { to: { key: 'fields.dateRangeOrder' } });
    }
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.actorId) where.push(`a.actor_id = ${param(filter.actorId)}`);
    if (filter.actor) {
      const pattern = param(`%${escapeLike(filter.actor.trim())}%`);
      where.push(`(actor.name ILIKE ${pattern} OR actor.email ILIKE ${pattern})`);
    }
    if (filter.targetType) where.push(`a.target_type = ${param(filter.targetType)}`);
    if (filter.targetId) where.push(`a.target_id = ${param(filter.targetId)}`);
    if (filter.action) where.push(`a.action = ${param(filter.action)}`);
    if (filter.from) {
      where.push(`a.occurred_at >= (${param(filter.from)}::date)::timestamp AT TIME ZONE 'Europe/Budapest'`);
    }
    if (filter.to) {
      where.push(`a.occurred_at < (${param(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Budapest'`);
    }
    const from = `FROM audit_log a LEFT JOIN app_user actor ON actor.id = a.actor_id
                  ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;

    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${from}`, [
      ...params,
    ]);
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        occurred_at: Date;
        actor_id: string | null;
        actor_name: string | null;
        action: string;
        target_type: string;
        target_id: string | null;
        target_label: string | null;
        target_call_id: string | null;
        request_id: string | null;
        changes: Record<string, unknown>;
      }>
    >(
      `SELECT e.*, target.label AS target_label, target.call_id AS target_call_id
         FROM (SELECT a.id, a.occurred_at, a.actor_id, actor.name AS actor_name, a.action, a.target_type,
                      a.target_id, a.request_id, a.changes
                 ${from}
                ORDER BY a.id DESC
               OFFSET ${param(offsetOf(page))} LIMIT ${param(page.pageSize)}) AS e
         ${targetSql('e', `${param(lang)}::text`)}
        ORDER BY e.id DESC`,
      params,
    );
    const items = rows.map((row) => ({
      id: String(row.id),
      occurredAt: row.occurred_at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      targetLabel: row.target_label,
      targetCallId: row.target_call_id,
      requestId: row.request_id,
      changes: row.changes,
    }));
    return pageOf(items, total, page);
  }
}

/** The parameters of an audit row: the entry, and the request's id and address from its context. */
function auditParams(entry: AuditEntry): unknown[] {
  const ctx = currentContext();
  return [
    entry.actorId,
    entry.action,
    entry.targetType,
    entry.targetId,
    JSON.stringify(entry.changes ?? {}),
    ctx?.requestId ?? null,
    ctx?.ip ?? null,
  ];
}
