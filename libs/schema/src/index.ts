/**
 * The explicit lists of entities and migrations, and the DataSource built from them.
 * Only the programs (apps, scripts, tests) import this; libs never do.
 */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import * as pg from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Env, loadEnv } from '@portal/config';
import { PreparingClient, SnakeNamingStrategy, TransactionsModule } from '@portal/database';
import { ApplicationAttachment } from '../../applications/src/application-attachment.entity';
import { ApplicationSubmission } from '../../applications/src/application-submission.entity';
import { Application } from '../../applications/src/application.entity';
import { DeadlineExtension } from '../../applications/src/deadline-extension.entity';
import { Applications1763800000900 } from '../../applications/src/migrations/1763800000900-applications';
import { FormalCheck1763801000000 } from '../../applications/src/migrations/1763801000000-formal-check';
import { AuditLog } from '../../audit/src/audit-log.entity';
import { AuditLog1763800000100 } from '../../audit/src/migrations/1763800000100-audit-log';
import { CallCriterion } from '../../calls/src/call-criterion.entity';
import { CallQuestion } from '../../calls/src/call-question.entity';
import { CallTheme } from '../../calls/src/call-theme.entity';
import { Call } from '../../calls/src/call.entity';
import { Calls1763800000800 } from '../../calls/src/migrations/1763800000800-calls';
import { Programme } from '../../calls/src/programme.entity';
import { Extensions1763800000000 } from '../../database/src/migrations/1763800000000-extensions';
import { Invitation } from '../../identity/src/invitation.entity';
import { Membership } from '../../identity/src/membership.entity';
import { Identity1763800000600 } from '../../identity/src/migrations/1763800000600-identity';
import { PasswordResetToken } from '../../identity/src/password-reset-token.entity';
import { User } from '../../identity/src/user.entity';
import { CapturedMail } from '../../mail/src/captured-mail.entity';
import { MailMessage } from '../../mail/src/mail-message.entity';
import { Mail1763800000300 } from '../../mail/src/migrations/1763800000300-mail';
import { MailAttachments1763801100000 } from '../../mail/src/migrations/1763801100000-mail-attachments';
import { Municipality1763800000400 } from '../../municipalities/src/migrations/1763800000400-municipality';
import { Municipality } from '../../municipalities/src/municipality.entity';
import { Organisation1763800000500 } from '../../organisations/src/migrations/1763800000500-organisation';
import { Organisation } from '../../organisations/src/organisation.entity';
import { Assignment, Score } from '../../jury/src/assignment.entity';
import { ConflictOfInterest, JurorPreference } from '../../jury/src/conflict.entity';
import { JuryMember, JurySettings } from '../../jury/src/jury-member.entity';
import { Jury1763802000000 } from '../../jury/src/migrations/1763802000000-jury';
import { JuryConflictApproved1763802100000 } from '../../jury/src/migrations/1763802100000-jury-conflict-approved';
import { ScorecardTotals1763803100000 } from '../../jury/src/migrations/1763803100000-scorecard-totals';
import { RoundCriterion, RoundEntry, ScoringRound } from '../../jury/src/scoring-round.entity';
import { Results1763803000000 } from '../../results/src/migrations/1763803000000-results';
import { ReceiptAfterSubmit1763803400000 } from '../../applications/src/migrations/1763803400000-receipt-after-submit';
import { PublicationPublicResults1763803300000 } from '../../results/src/migrations/1763803300000-publication-public-results';
import { AwardDecision, AwardLevel, Publication, ThemeDecision } from '../../results/src/results.entities';
import { Outbox1763800000200 } from '../../queue/src/migrations/1763800000200-outbox';
import { OutboxRedisEpoch1763803200000 } from '../../queue/src/migrations/1763803200000-outbox-redis-epoch';
import { OutboxEntry } from '../../queue/src/outbox.entity';

export const ENTITIES = [
  AuditLog,
  OutboxEntry,
  MailMessage,
  CapturedMail,
  Municipality,
  Organisation,
  User,
  Membership,
  Invitation,
  PasswordResetToken,
  Programme,
  Call,
  CallTheme,
  CallCriterion,
  CallQuestion,
  Application,
  ApplicationSubmission,
  ApplicationAttachment,
  DeadlineExtension,
  JurySettings,
  JuryMember,
  ConflictOfInterest,
  JurorPreference,
  ScoringRound,
  RoundCriterion,
  RoundEntry,
  Assignment,
  Score,
  AwardLevel,
  AwardDecision,
  ThemeDecision,
  Publication,
];

export const MIGRATIONS = [
  Extensions1763800000000,
  AuditLog1763800000100,
  Outbox1763800000200,
  Mail1763800000300,
  Municipality1763800000400,
  Organisation1763800000500,
  Identity1763800000600,
  Calls1763800000800,
  Applications1763800000900,
  FormalCheck1763801000000,
  MailAttachments1763801100000,
  Jury1763802000000,
  JuryConflictApproved1763802100000,
  Results1763803000000,
  ScorecardTotals1763803100000,
  OutboxRedisEpoch1763803200000,
  PublicationPublicResults1763803300000,
  ReceiptAfterSubmit1763803400000,
];

export function dataSourceOptions(env: Env = loadEnv(), overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    // handed over explicitly: TypeORM's own lookup of `pg` fails under Jest's module system
    driver: pg,
    url: env.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    // uuid primary keys default to gen_random_uuid() (built in since PostgreSQL 13), as the migrations write them
    uuidExtension: 'pgcrypto',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // failures surface as exceptions (and are logged by whoever handles them)
    logging: false,
    // the statements used often go as named prepared statements (see PreparingClient)
    extra: { max: 10, connectionTimeoutMillis: 5000, application_name: 'logy-portal', Client: PreparingClient },
    ...overrides,
  } as DataSourceOptions;
}

/** The database connection of the api and the worker, with the transaction boundary. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({ inject: [Env], useFactory: (env: Env) => dataSourceOptions(env) }),
    TransactionsModule,
  ],
  exports: [TypeOrmModule, TransactionsModule],
})
export class DatabaseModule {}

export function createDataSource(env: Env = loadEnv(), overrides: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(dataSourceOptions(env, overrides));
}

export * from './preflight';
export { preflight, runProgram } from './startup';
