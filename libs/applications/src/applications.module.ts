import { Module } from '@nestjs/common';
import { CallsModule } from '@portal/calls';
import { ApplicationAttachmentsService } from './application-attachments.service';
import { ApplicationReviewService } from './application-review.service';
import { ApplicationStatisticsService } from './application-statistics.service';
import { ApplicationsService } from './applications.service';
import { DeadlineExtensionsService } from './deadline-extensions.service';

const services = [
  ApplicationsService,
  ApplicationAttachmentsService,
  ApplicationReviewService,
  ApplicationStatisticsService,
  DeadlineExtensionsService,
];

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
