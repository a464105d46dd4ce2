import { Module } from '@nestjs/common';
import { CallsModule } from '@portal/calls';
import { ApplicationAttachmentsService } from './application-attachments.service';
import { ApplicationsService } from './applications.service';

const services = [ApplicationsService, ApplicationAttachmentsService];

/**
 * Municipalities' applications to calls. Needs the program's database connection, the
 * global audit, mail, storage and transactions.
 */
@Module({
  imports: [CallsModule],
  providers: services,
  exports: services,
})
export class ApplicationsModule {}
