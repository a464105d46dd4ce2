import { WorkerHost } from '@nestjs/bullmq';
import { Module, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ApplicationsModule } from '@portal/applications';
import { AuditModule } from '@portal/audit';
import { ConfigModule, Env } from '@portal/config';
import { CoreModule, currentContext } from '@portal/core';
import { JuryModule } from '@portal/jury';
import { MailModule } from '@portal/mail';
import { QueueModule, QueueName, RedisModule } from '@portal/queue';
import { ResultsModule } from '@portal/results';
import { DatabaseModule } from '@portal/schema';
import { StorageModule } from '@portal/storage';
import { JuryRemindersProcessor } from './jury-reminders.processor';
import { OutboxPoller } from './outbox-poller';
import { PublishResultsProcessor } from './publish-results.processor';
import { ReceiptProcessor } from './receipt.processor';
import { SendMailProcessor } from './send-mail.processor';

/** One processor per queue of the registry: the compiler insists on all of them. */
export const PROCESSORS: { readonly [Q in QueueName]: Type<WorkerHost> } = {
  mail: SendMailProcessor,
  jury: JuryRemindersProcessor,
  results: PublishResultsProcessor,
  documents: ReceiptProcessor,
};

export function workerPinoOptions(env: Env) {
  return {
    pinoHttp: {
      name: 'worker',
      level: env.LOG_LEVEL,
      // the job's context (requestId job-<id>) in every line logged while it runs
      mixin: (): Record<string, unknown> => {
        const context = currentContext();
        return context ? { requestId: context.requestId } : {};
      },
    },
  };
}

/** The worker: BullMQ processors and the outbox poller, no HTTP. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [Env], useFactory: workerPinoOptions }),
    CoreModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    AuditModule,
    StorageModule,
    MailModule,
    ApplicationsModule,
    JuryModule,
    ResultsModule,
  ],
  providers: [...Object.values(PROCESSORS), OutboxPoller],
})
export class WorkerModule {}
