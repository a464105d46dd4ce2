import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';

export const FACTORY_PASSWORD = 'Jelszó-próba-2026';
let hashed: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
}

export interface NewUserOptions {
  roles?: Array<'applicant' | 'juror' | 'coordinator' | 'admin'>;
  name?: string;
  email?: string;
  language?: 'hu' | 'en';
  active?: boolean;
  /** KSH code of a municipality the user is a member of. */
  municipalityKsh?: string;
  membershipStatus?: 'pending' | 'approved' | 'rejected' | 'revoked';
  /** Organisation code (e.g. 'BM') for jurors. */
  organisationCode?: string;
}

/** A user written straight into this run's database; every call makes a new one. */
export async function newUser(dataSource: DataSource, options: NewUserOptions = {}): Promise<TestUser> {
  hashed ??= argon2.hash(FACTORY_PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const email = options.email ?? `user-${randomUUID()}@teszt.hu`;
  const name = options.name ?? 'Teszt Elek';
  const [org]: Array<{ id: string }> = options.organisationCode
    ? await dataSource.query('SELECT id FROM organisation WHERE code = $1', [options.organisationCode])
    : [];
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO app_user (email, name, password_hash, language, roles, organisation_id, is_active)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      email,
      name,
      await hashed,
      options.language ?? 'hu',
      options.roles ?? ['applicant'],
      org?.id ?? null,
      options.active ?? true,
    ],
  );
  if (options.municipalityKsh) {
    const status = options.membershipStatus ?? 'approved';
    const [membership]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO membership (user_id, municipality_ksh, status, decided_at) VALUES ($1, $2, $3, now()) RETURNING id`,
      [row.id, options.municipalityKsh, status],
    );
    // what the api would have recorded (test/invariants.ts: no state change without an audit row)
    await dataSource.query(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
       VALUES (NULL, $1, 'membership', $2, $3::jsonb)`,
      [`membership.${status}`, membership.id, JSON.stringify({ status, source: 'test factory' })],
    );
  }
  return { id: row.id, email, password: FACTORY_PASSWORD, name };
}

export async function auditRows(
  dataSource: DataSource,
  targetId: string,
): Promise<
  Array<{ action: string; actor_id: string | null; request_id: string | null; changes: Record<string, unknown> }>
> {
  return dataSource.query(
    'SELECT action, actor_id, request_id, changes FROM audit_log WHERE target_id = $1 ORDER BY id',
    [targetId],
  );
}

export async function mailsTo(
  dataSource: DataSource,
  address: string,
): Promise<Array<{ template: string; language: string; params: Record<string, string>; dedupe_key: string }>> {
  return dataSource.query(
    'SELECT template, language, params, dedupe_key FROM mail_message WHERE to_address = $1 ORDER BY created_at',
    [address.toLowerCase()],
  );
}
