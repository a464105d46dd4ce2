import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const ORGANISATION_KINDS = ['ministry', 'association', 'civil', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** A steering-committee organisation that jurors represent. */
@Entity('organisation')
@Unique('uq_organisation_code', ['code'])
@Unique('uq_organisation_name_hu', ['nameHu'])
@Check('ck_organisation_kind', `kind IN ('ministry', 'association', 'civil', 'other')`)
export class Organisation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organisation' })
  id: string;

  @Column('text')
  code: string;

  @Column('text')
  nameHu: string;

  @Column('text')
  nameEn: string;

  @Column('text')
  kind: OrganisationKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
