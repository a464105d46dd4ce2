import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const LEGAL_STATUSES = [
  'község',
  'nagyközség',
  'város',
  'megyei jogú város',
  'főváros',
  'fővárosi kerület',
] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/** The 19 counties of the 2018 register (Csongrád, not yet Csongrád-Csanád) and Budapest. */
export const COUNTIES = [
  'Bács-Kiskun',
  'Baranya',
  'Békés',
  'Borsod-Abaúj-Zemplén',
  'Budapest',
  'Csongrád',
  'Fejér',
  'Győr-Moson-Sopron',
  'Hajdú-Bihar',
  'Heves',
  'Jász-Nagykun-Szolnok',
  'Komárom-Esztergom',
  'Nógrád',
  'Pest',
  'Somogy',
  'Szabolcs-Szatmár-Bereg',
  'Tolna',
  'Vas',
  'Veszprém',
  'Zala',
] as const;
export type County = (typeof COUNTIES)[number];

/** A settlement of the KSH register (Helységnévtár, 1 January 2018). */
@Entity('municipality')
@Check('ck_municipality_ksh_code', `ksh_code ~ '^[0-9]{5}$'`)
@Check(
  'ck_municipality_legal_status',
  `legal_status IN ('község', 'nagyközség', 'város', 'megyei jogú város', 'főváros', 'fővárosi kerület')`,
)
@Check('ck_municipality_population', `population >= 0`)
@Index('ix_municipality_county', ['county'])
// USING gin (name_folded gin_trgm_ops) and (name_folded text_pattern_ops): kept by the migration,
// left alone by schema sync
@Index('ix_municipality_name_folded_trgm', { synchronize: false })
@Index('ix_municipality_name_folded_prefix', { synchronize: false })
export class Municipality {
  @PrimaryColumn({ type: 'char', length: 5, primaryKeyConstraintName: 'pk_municipality' })
  kshCode: string;

  @Column('text')
  name: string;

  @Column('text')
  nameFolded: string;

  @Column('text')
  legalStatus: LegalStatus;

  @Column({ type: 'boolean', default: false })
  isCountySeat: boolean;

  @Column('text')
  county: County;

  @Column({ type: 'char', length: 4, nullable: true })
  districtCode: string | null;

  @Column({ type: 'text', nullable: true })
  districtName: string | null;

  @Column({ type: 'text', nullable: true })
  districtSeat: string | null;

  @Column('integer')
  population: number;

  @Column({ type: 'integer', nullable: true })
  dwellings: number | null;

  @Column({ type: 'integer', nullable: true })
  areaHa: number | null;

  @Column({ type: 'char', length: 4, nullable: true })
  postalCode: string | null;
}
