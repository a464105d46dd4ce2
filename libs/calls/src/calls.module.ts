import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@portal/organisations';
import { CallContentService } from './call-content.service';
import { CallsService } from './calls.service';

const services = [CallsService, CallContentService];

/** Programmes and their yearly calls. Needs the program's database connection and the global audit/transactions. */
@Module({
  imports: [OrganisationsModule],
  providers: services,
  exports: services,
})
export class CallsModule {}
