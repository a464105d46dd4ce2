import argon2 from 'argon2';
import type { DataSource } from 'typeorm';

export const DEMO_PASSWORD = 'LogyDemo-2026';

export interface DemoAccount {
  email: string;
  name: string;
  roles: string[];
  language: 'hu' | 'en';
  organisation?: string;
  municipality?: { name: string; status: 'approved' | 'pending' };
  note: string;
}

/** The demo accounts, one per role (and a pending applicant to approve). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.logy.hu', name: 'Adminisztrátor Ádám', roles: ['admin'], language: 'hu', note: 'admin' },
  {
    email: 'koordinator@demo.logy.hu',
    name: 'Dr. Zongor Gábor',
    roles: ['coordinator'],
    language: 'hu',
    note: 'programme coordinator',
  },
  {
    email: 'biralo.bm@demo.logy.hu',
    name: 'Bíráló Bernadett',
    roles: ['juror'],
    language: 'hu',
    organisation: 'BM',
    note: 'juror (Belügyminisztérium)',
  },
  {
    email: 'juror.toosz@demo.logy.hu',
    name: 'Juror Jenő',
    roles: ['juror'],
    language: 'en',
    organisation: 'TÖOSZ',
    note: 'juror (TÖOSZ), English interface',
  },
  {
    email: 'palyazo@alsomocsolad.demo.logy.hu',
    name: 'Pályázó Piroska',
    roles: ['applicant'],
    language: 'hu',
    municipality: { name: 'Alsómocsolád', status: 'approved' },
    note: 'municipal staff of Alsómocsolád (approved)',
  },
  {
    email: 'ugyintezo@gyor.demo.logy.hu',
    name: 'Ügyintéző Ödön',
    roles: ['applicant'],
    language: 'hu',
    municipality: { name: 'Győr', status: 'pending' },
    note: 'municipal staff of Győr (awaiting approval)',
  },
];

/**
 * Loads the demo data; safe to run again (existing demo accounts are left as they are).
 * The municipality register and the steering-committee organisations come with the
 * migrations, so every database has them.
 */
export async function seedDemo(dataSource: DataSource): Promise<DemoAccount[]> {
  const hash = await argon2.hash(DEMO_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  await dataSource.transaction(async (manager) => {
    for (const account of DEMO_ACCOUNTS) {
      const orgRows: Array<{ id: string }> = account.organisation
        ? await manager.query(`SELECT id FROM organisation WHERE code = $1`, [account.organisation])
        : [];
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO app_user (email, name, password_hash, language, roles, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [account.email, account.name, hash, account.language, account.roles, orgRows[0]?.id ?? null],
      );
      if (!inserted[0]) continue;
      const userId = inserted[0].id;
      await manager.query(
        `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
         VALUES (NULL, 'user.registered', 'user', $1, $2::jsonb)`,
        [userId, JSON.stringify({ email: account.email, roles: account.roles, source: 'demo seed' })],
      );
      if (account.municipality) {
        const [municipality]: Array<{ ksh_code: string }> = await manager.query(
          `SELECT ksh_code FROM municipality WHERE name = $1`,
          [account.municipality.name],
        );
        const status = account.municipality.status;
        const [membership]: Array<{ id: string }> = await manager.query(
          `INSERT INTO membership (user_id, municipality_ksh, position, status, decided_at)
           VALUES ($1, $2, $3, $4, CASE WHEN $4 = 'approved' THEN now() END) RETURNING id`,
          [userId, municipality.ksh_code, 'jegyző', status],
        );
        await manager.query(
          `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
           VALUES (NULL, $1, 'membership', $2, $3::jsonb)`,
          [
            `membership.${status === 'approved' ? 'approved' : 'requested'}`,
            membership.id,
            JSON.stringify({ status, source: 'demo seed' }),
          ],
        );
      }
    }
  });
  return DEMO_ACCOUNTS;
}
