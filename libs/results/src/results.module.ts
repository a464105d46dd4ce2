import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@portal/applications';
import { JuryModule } from '@portal/jury';
import { ApplicantOverviewService } from './applicant-overview.service';
import { DecisionsService } from './decisions.service';
import { PublicationsService } from './publications.service';
import { ResultsExportsService } from './results-exports.service';

const services = [DecisionsService, PublicationsService, ResultsExportsService, ApplicantOverviewService];

/** Results: award levels, decisions, publications (snapshot, files, outcome mails) and the public winner lists. */
@Module({
  imports: [JuryModule, ApplicationsModule],
  providers: services,
  exports: services,
})
export class ResultsModule {}
