import { MigrationInterface, QueryRunner } from 'typeorm';
import type { OrganisationKind } from '../organisation.entity';

/**
 * The organisations of the programme's Steering Committee (Irányító Bizottság), as named
 * in the 2020 and 2021 invitations (shared/seeds). Jurors represent one of them.
 */
export const STEERING_COMMITTEE: ReadonlyArray<{ code: string; hu: string; en: string; kind: OrganisationKind }> = [
  { code: 'BM', hu: 'Belügyminisztérium', en: 'Ministry of the Interior', kind: 'ministry' },
  { code: 'EMMI', hu: 'Emberi Erőforrások Minisztériuma', en: 'Ministry of Human Capacities', kind: 'ministry' },
  {
    code: 'ITM',
    hu: 'Innovációs és Technológiai Minisztérium',
    en: 'Ministry of Innovation and Technology',
    kind: 'ministry',
  },
  { code: 'KSZ', hu: 'Kisvárosok Szövetsége', en: 'National Association of Small Cities', kind: 'association' },
  { code: 'MFSZ', hu: 'Magyar Faluszövetség', en: 'Hungarian Federation of Villages', kind: 'association' },
  {
    code: 'MÖSZ',
    hu: 'Magyar Önkormányzatok Szövetsége',
    en: 'Federation of Hungarian Local Governments',
    kind: 'association',
  },
  {
    code: 'TÖOSZ',
    hu: 'Települési Önkormányzatok Országos Szövetsége',
    en: 'Hungarian National Association of Local Authorities',
    kind: 'association',
  },
  {
    code: 'OPSZ',
    hu: 'Országos Polgárőr Szövetség',
    en: 'Nationwide Civil Self-Defense Organizations',
    kind: 'association',
  },
  { code: 'EDEM', hu: 'e-Demokrácia Műhely', en: 'e-Democracy Workshop', kind: 'civil' },
  { code: 'HOA', hu: 'Homo Oecologicus Alapítvány', en: 'Homo Oecologicus Foundation', kind: 'civil' },
  { code: 'AUT', hu: 'Autonómia Alapítvány', en: 'Autonómia Foundation', kind: 'civil' },
  {
    code: 'BEVE',
    hu: 'Biztonságos és Élhető Városokért Egyesület',
    en: 'Association for Safe and Liveable Cities',
    kind: 'civil',
  },
];

export class Organisation1763800000500 implements MigrationInterface {
  name = 'Organisation1763800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name_hu text NOT NULL,
        name_en text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organisation PRIMARY KEY (id),
        CONSTRAINT uq_organisation_code UNIQUE (code),
        CONSTRAINT uq_organisation_name_hu UNIQUE (name_hu),
        CONSTRAINT ck_organisation_kind CHECK (kind IN ('ministry', 'association', 'civil', 'other'))
      )`);
    for (const org of STEERING_COMMITTEE) {
      await q.query(`INSERT INTO organisation (code, name_hu, name_en, kind) VALUES ($1, $2, $3, $4)`, [
        org.code,
        org.hu,
        org.en,
        org.kind,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation`);
  }
}
