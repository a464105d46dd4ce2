import { Global, Module } from '@nestjs/common';
import { CapturedMailService } from './captured-mail.service';
import { MailDelivery } from './mail-delivery.service';
import { MailRenderer } from './mail.renderer';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';

/**
 * E-mail: MailService decides a mail (ledger row + outbox job, in the caller's
 * transaction); the worker's processor delivers it with MailDelivery. Needs the global
 * ConfigModule, CoreModule (i18n, Clock), the database and QueueModule.
 */
@Global()
@Module({
  providers: [MailService, MailRenderer, MailTransport, MailDelivery, CapturedMailService],
  exports: [MailService, MailRenderer, MailDelivery, CapturedMailService],
})
export class MailModule {}
