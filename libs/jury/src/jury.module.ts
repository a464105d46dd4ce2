import { Module } from '@nestjs/common';
import { CallsModule } from '@portal/calls';
import { AssignmentsService } from './assignments.service';
import { JuryService } from './jury.service';
import { JuryRemindersService } from './reminders.service';
import { RoundsService } from './rounds.service';

const services = [JuryService, RoundsService, AssignmentsService, JuryRemindersService];

/** The jury: members, conflicts of interest, scoring rounds, assignments, scorecards and reminders. */
@Module({
  imports: [CallsModule],
  providers: services,
  exports: services,
})
export class JuryModule {}
