import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time password reset link; only the SHA-256 of the token is stored. */
@Entity('password_reset_token')
export class PasswordResetToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_password_reset_token' })
  id: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  tokenHash: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
