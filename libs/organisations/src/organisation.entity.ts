import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANISATION_KINDS = ['ministry', 'association', 'civil', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** A steering-committee organisation that jurors represent. */
@Entity('organisation')
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
