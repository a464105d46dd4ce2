import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@portal/applications';
import { COUNTIES, type County } from '@portal/municipalities';

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
