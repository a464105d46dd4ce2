import type { SessionUser } from './session-user';
import type { Role } from './user.entity';

/** A signed-in user as one statement reads it: the account and its approved municipalities. */
export interface SessionUserRow {
  id: string;
  email: string;
  name: string;
  language: 'hu' | 'en';
  roles: Role[];
  organisation_id: string | null;
  municipalities: string[] | null;
}

/** The statement that reads the active user whose id `idExpression` gives, as a SessionUserRow (no row otherwise). */
export function sessionUserSql(idExpression: string): string {
  return `SELECT u.id, u.email, u.name, u.language, u.roles, u.organisation_id,
                 array_agg(m.municipality_ksh) FILTER (WHERE m.status = 'approved') AS municipalities
            FROM app_user u LEFT JOIN membership m ON m.user_id = u.id
           WHERE u.id = ${idExpression} AND u.is_active
           GROUP BY u.id`;
}

export function toSessionUser(row: SessionUserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    roles: row.roles,
    organisationId: row.organisation_id,
    municipalities: row.municipalities ?? [],
  };
}
