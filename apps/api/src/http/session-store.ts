import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Clock } from '@portal/core';
import { SessionsService } from '@portal/identity';

/** A session's expiry is written to PostgreSQL at most this often (rolling sessions touch it on every request). */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;
/** Sessions remembered as touched at most; beyond, those touched longer ago than the interval are forgotten. */
const REMEMBERED = 10_000;

const PgStore = connectPgSimple(session);

/**
 * The sessions' store in PostgreSQL (connect-pg-simple), on the api's own pool, whose touch (the
 * sliding expiry of a rolling session: an UPDATE on every request of a signed-in user) runs at
 * most once per SESSION_TOUCH_INTERVAL_MS per session and api process. A session then expires at
 * most that much earlier than the last request plus its TTL; every change of a session is still
 * saved at once (express-session's set, not touch).
 *
 * A session is read together with the user it names (SessionsService.loadWithUser), which the
 * session serializer then takes instead of reading the user again. Expired sessions are pruned
 * every 5–15 minutes. The store's prune timer is stopped when the
 * modules are destroyed, before the database pool ends (a prune on an ended pool failed with
 * "Cannot use a pool after calling end on the pool"); its errors go to the logger, not the console.
 */
@Injectable()
export class SessionStore implements OnModuleDestroy {
  private readonly logger = new Logger(SessionStore.name);
  readonly store: connectPgSimple.PGStore;

  constructor(dataSource: DataSource, clock: Clock, sessions: SessionsService) {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.store = new PgStore({
      pool,
      tableName: 'user_session',
      createTableIfMissing: false,
      pruneSessionInterval: 600,
      errorLog: (...parts: unknown[]) => this.logger.warn(parts.map(String).join(' ')),
    });
    throttleTouch(this.store, clock);
    // a session is read with its user, in one statement (connect-pg-simple's get reads the session alone)
    this.store.get = (sid: string, callback: (err: unknown, session?: session.SessionData | null) => void) => {
      // the wall clock, as connect-pg-simple writes and prunes expiries by it
      sessions.loadWithUser(sid, Math.ceil(Date.now() / 1000)).then(
        (data) => callback(null, data as session.SessionData | null),
        (error: unknown) => callback(error),
      );
    };
  }

  onModuleDestroy(): void {
    this.store.close();
  }
}

function throttleTouch(store: session.Store, clock: Clock): void {
  const touched = new Map<string, number>();
  const remember = (sid: string, now: number) => {
    if (touched.size >= REMEMBERED) {
      for (const [id, at] of touched) if (now - at >= SESSION_TOUCH_INTERVAL_MS) touched.delete(id);
    }
    touched.set(sid, now);
  };
  const touch = store.touch!.bind(store);
  store.touch = (sid: string, data: session.SessionData, callback?: (err?: unknown) => void) => {
    const now = clock.now().getTime();
    const last = touched.get(sid);
    if (last !== undefined && now - last < SESSION_TOUCH_INTERVAL_MS) {
      callback?.();
      return;
    }
    remember(sid, now);
    touch(sid, data, callback);
  };
  // a session just saved (at sign-in, or changed) has its expiry written: no touch for a minute
  const set = store.set.bind(store);
  store.set = (sid: string, data: session.SessionData, callback?: (err?: unknown) => void) => {
    set(sid, data, (err?: unknown) => {
      if (!err) remember(sid, clock.now().getTime());
      callback?.(err);
    });
  };
}
