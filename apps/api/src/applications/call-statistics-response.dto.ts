import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, type ApplicationStatus, type CallOverview } from '@portal/applications';
import { CALL_STATUSES, type CallStatus } from '@portal/calls';
import { toBudapestIso } from '@portal/core';
import { COUNTIES, type County } from '@portal/municipalities';
import { PageResponse } from '../http/page-response';

export class ThemeCountResponse {
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() titleHu: string;
  @ApiProperty() titleEn: string;
  @ApiProperty({ type: 'integer', description: 'Submitted applications' }) submitted: number;
}

export class CountyCountResponse {
  @ApiProperty({ enum: COUNTIES }) county: County;
  @ApiProperty({ type: 'integer', description: 'Submitted applications' }) submitted: number;
}

export class StatusCountResponse {
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class CallStatisticsResponse {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ type: 'integer', description: 'Applications in status submitted' }) submitted: number;
  @ApiProperty({ type: [ThemeCountResponse], description: "Per current theme, in the themes' order, zeros included" })
  byTheme: ThemeCountResponse[];
  @ApiProperty({ type: [CountyCountResponse], description: 'Every county and Budapest, zeros included' })
  byCounty: CountyCountResponse[];
  @ApiProperty({ type: [StatusCountResponse], description: 'Every application of the call per status' })
  byStatus: StatusCountResponse[];
}

export class CallOverviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() titleHu: string;
  @ApiProperty() titleEn: string;
  @ApiProperty({ enum: CALL_STATUSES }) status: CallStatus;
  @ApiProperty({ description: 'Budapest time, with offset.' }) submissionOpensAt: string;
  @ApiProperty({ description: 'The submission deadline (exclusive), Budapest time with offset.' })
  submissionClosesAt: string;
  @ApiProperty({ type: 'integer', description: 'Applications in status draft' }) draft: number;
  @ApiProperty({ type: 'integer', description: 'Applications in status submitted' }) submitted: number;
  @ApiProperty({ type: 'integer', description: 'Applications in status withdrawn' }) withdrawn: number;
  @ApiProperty({ type: 'integer', description: 'Submitted applications found eligible' }) eligible: number;
  @ApiProperty({ type: 'integer', description: 'Submitted applications found ineligible' }) ineligible: number;
  @ApiProperty({ type: 'integer', description: 'Submitted applications not formally checked yet' })
  pendingCheck: number;
}

export class CallOverviewPageResponse extends PageResponse(CallOverviewResponse) {}

export function toCallOverviewResponse(c: CallOverview): CallOverviewResponse {
  return {
    ...c,
    submissionOpensAt: toBudapestIso(c.submissionOpensAt),
    submissionClosesAt: toBudapestIso(c.submissionClosesAt),
  };
}
