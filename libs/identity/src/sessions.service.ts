import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentContext, type RequestContext } from '@portal/core';
import type { SessionUser } from './session-user';
import { sessionUserSql, type SessionUserRow, toSessionUser } from './session-user.sql';

/** The user read with the request's session, for passport's deserializer in the same request. */
const loadedWithSession = new WeakMap<RequestContext, { id: string; user: SessionUser | null }>();

/**
 * The user that {@link SessionsService.loadWithUser} read with the current request's session:
 * `undefined` when none was read for this id in this request (then the user is read on its own),
 * `null` when the account is gone or deactivated. Taken once.
 */
export function takeUserLoadedWithSession(id: string): SessionUser | null | undefined {
  const context = currentContext();
  const loaded = context && loadedWithSession.get(context);
  if (!context || !loaded || loaded.id !== id) return undefined;
  loadedWithSession.delete(context);
  return loaded.user;
}

/** Server-side sessions (table user_session, written by connect-pg-simple). */
@Injectable()
export class SessionsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A session in force (connect-pg-simple's `get`: not expired at `nowSeconds`) and, in the
   * same statement, the signed-in user it names: every signed-in request reads both, one
   * round trip instead of two. The user is kept for the request's deserializer.
   */
  async loadWithUser(sid: string, nowSeconds: number): Promise<unknown> {
    const [row] = await this.dataSource.query<
      Array<{ sess: unknown; user_id: string | null } & Partial<SessionUserRow>>
    >(
      `SELECT s.sess, s.sess -> 'passport' ->> 'user' AS user_id, u.*
         FROM user_session s
         LEFT JOIN LATERAL (${sessionUserSql(
           `(CASE WHEN s.sess -> 'passport' ->> 'user' ~ '^[0-9a-fA-F-]{36}$' THEN (s.sess -> 'passport' ->> 'user')::uuid END)`,
         )}) u ON true
        WHERE s.sid = $1 AND s.expire >= to_timestamp($2)`,
      [sid, nowSeconds],
    );
    if (!row) return null;
    const context = currentContext();
    if (context && row.user_id) {
      loadedWithSession.set(context, { id: row.user_id, user: row.id ? toSessionUser(row as SessionUserRow) : null });
    }
    return typeof row.sess === 'string' ? JSON.parse(row.sess) : row.sess;
  }

  /** Ends every session of the user at once (all but `keepSid`, when given). */
  async endAll(userId: string, keepSid?: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `DELETE FROM user_session WHERE (sess -> 'passport' ->> 'user') = $1 AND sid <> $2`,
      [userId, keepSid ?? ''],
    );
    return result[1];
  }

  async count(userId: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM user_session WHERE (sess -> 'passport' ->> 'user') = $1 AND expire > now()`,
      [userId],
    );
    return Number(rows[0].n);
  }
}
