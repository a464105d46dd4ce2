import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An award programme; its yearly editions are calls. The migration creates LÖGY (code 'logy'). */
@Entity('programme')
@Unique('uq_programme_code', ['code'])
export class Programme {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_programme' })
  id: string;

  @Column('text')
  code: string;

  @Column('text')
  nameHu: string;

  @Column('text')
  nameEn: string;
}
