import { Column, Entity, PrimaryColumn } from 'typeorm';

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
export class Municipality {
  @PrimaryColumn({ type: 'char', length: 5, primaryKeyConstraintName: 'pk_municipality' })
  kshCode: string;

  @Column('text')
  name: string;

  @Column('text')
  nameFolded: string;

  @Column('text')
  legalStatus: LegalStatus;

  @Column('boolean')
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
