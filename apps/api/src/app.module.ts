import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { IncomingMessage } from 'node:http';
import { LoggerModule, Params } from 'nestjs-pino';
import { ApplicationsModule } from '@portal/applications';
import { AuditModule } from '@portal/audit';
import { CallsModule } from '@portal/calls';
import { ConfigModule, Env } from '@portal/config';
import { CoreModule } from '@portal/core';
import { IdentityModule } from '@portal/identity';
import { JuryModule } from '@portal/jury';
import { ResultsModule } from '@portal/results';
import { MailModule } from '@portal/mail';
import { MunicipalitiesModule } from '@portal/municipalities';
import { OrganisationsModule } from '@portal/organisations';
import { QueueModule, RedisModule } from '@portal/queue';
import { DatabaseModule } from '@portal/schema';
import { StorageModule } from '@portal/storage';
import { ApplicationsController, CallApplicationsController } from './applications/applications.controller';
import { DeadlineExtensionsController } from './applications/deadline-extensions.controller';
import { StatisticsController } from './applications/statistics.controller';
import { MyApplicationsController } from './applications/my-applications.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { CallContentController } from './calls/call-content.controller';
import { CallsController } from './calls/calls.controller';
import { PublicCallsController } from './calls/public-calls.controller';
import { LocalStrategy } from './auth/local.strategy';
import { HealthController } from './health/health.controller';
import { csrfProvider } from './http/csrf.provider';
import { SessionStore } from './http/session-store';
import { AssignmentsController, CallJuryController, JurorController, RoundsController } from './jury/jury.controller';
import { CallResultsController, PublicationsController, PublicResultsController } from './results/results.controller';
import { InvitationsController } from './invitations/invitations.controller';
import { MailsController } from './mails/mails.controller';
import { MembershipsController } from './memberships/memberships.controller';
import { MunicipalitiesController } from './municipalities/municipalities.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { UsersController } from './users/users.controller';

export function pinoOptions(env: Env, name: string): Params {
  return {
    pinoHttp: {
      name,
      level: env.LOG_LEVEL,
      genReqId: (req: IncomingMessage & { id?: unknown }) => (typeof req.id === 'string' ? req.id : ''),
      redact: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    },
  };
}

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [Env], useFactory: (env: Env) => pinoOptions(env, 'api') }),
    CoreModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    AuditModule,
    MailModule,
    MunicipalitiesModule,
    OrganisationsModule,
    IdentityModule,
    CallsModule,
    StorageModule,
    ApplicationsModule,
    JuryModule,
    ResultsModule,
    TerminusModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    UsersController,
    MembershipsController,
    InvitationsController,
    MunicipalitiesController,
    OrganisationsController,
    CallsController,
    CallContentController,
    CallApplicationsController,
    ApplicationsController,
    MyApplicationsController,
    DeadlineExtensionsController,
    StatisticsController,
    CallJuryController,
    JurorController,
    RoundsController,
    AssignmentsController,
    CallResultsController,
    PublicationsController,
    PublicResultsController,
    PublicCallsController,
    MailsController,
    AuditController,
  ],
  providers: [csrfProvider, SessionStore, LocalStrategy],
})
export class AppModule {}
