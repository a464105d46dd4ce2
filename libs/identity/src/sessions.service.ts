import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Server-side sessions (table user_session, written by connect-pg-simple). */
@Injectable()
export class SessionsService {
  constructor(private readonly dataSource: DataSource) {}

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
