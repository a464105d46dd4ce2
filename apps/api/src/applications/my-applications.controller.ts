import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  FORMAL_CHECK_RESULTS,
  type FormalCheckResult,
} from '@portal/applications';
import { CALL_STATUSES, type CallStatus } from '@portal/calls';
import { currentLang, toBudapestIso } from '@portal/core';
import type { SessionUser } from '@portal/identity';
import {
  type ApplicantOverview,
  ApplicantOverviewService,
  type OverviewApplication,
  type OverviewOpenCall,
  type OverviewOutcome,
} from '@portal/results';
import { Auth, CurrentUser } from '../auth/auth.decorator';

export class MyApplicationsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the applications of this call.' })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  callId?: string;
}

class MyApplicationCallRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() titleHu: string;
  @ApiProperty() titleEn: string;
  @ApiProperty({ enum: CALL_STATUSES }) status: CallStatus;
}

class MyApplicationThemeRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() titleHu: string;
  @ApiProperty() titleEn: string;
}

class MyApplicationMunicipalityRef {
  @ApiProperty() kshCode: string;
  @ApiProperty() name: string;
}

export class MyApplicationOutcomeResponse {
  @ApiProperty({ description: 'Whether the publication includes the application (submitted and evaluated).' })
  inResults: boolean;
  @ApiProperty() awarded: boolean;
  @ApiProperty({ type: String, nullable: true }) levelCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The award level's name in the caller's language" })
  level: string | null;
}

export class MyApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: MyApplicationCallRef }) call: MyApplicationCallRef;
  @ApiProperty({ type: MyApplicationThemeRef }) theme: MyApplicationThemeRef;
  @ApiProperty({ type: MyApplicationMunicipalityRef }) municipality: MyApplicationMunicipalityRef;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ enum: FORMAL_CHECK_RESULTS, nullable: true }) formalCheck: FormalCheckResult | null;
  @ApiProperty({
    type: MyApplicationOutcomeResponse,
    nullable: true,
    description: "Null until the call's results are published.",
  })
  outcome: MyApplicationOutcomeResponse | null;
}

export class MyOpenCallResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() titleHu: string;
  @ApiProperty() titleEn: string;
  @ApiProperty({ description: 'Exclusive deadline, Budapest time with offset.' }) submissionClosesAt: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null: one application per municipality and theme.' })
  maxApplicationsPerMunicipality: number | null;
  @ApiProperty({ type: [MyApplicationThemeRef] }) themes: MyApplicationThemeRef[];
}

export class MyApplicationsResponse {
  @ApiProperty({ type: [MyApplicationResponse] }) applications: MyApplicationResponse[];
  @ApiProperty({ type: [MyOpenCallResponse] }) openCalls: MyOpenCallResponse[];
}

function toOutcome(o: OverviewOutcome | null): MyApplicationOutcomeResponse | null {
  return o ? { inResults: o.inResults, awarded: o.awarded, levelCode: o.levelCode, level: o.level } : null;
}

function toMyApplication(a: OverviewApplication): MyApplicationResponse {
  return {
    id: a.id,
    call: { id: a.callId, year: a.callYear, titleHu: a.callTitleHu, titleEn: a.callTitleEn, status: a.callStatus },
    theme: { id: a.themeId, titleHu: a.themeTitleHu, titleEn: a.themeTitleEn },
    municipality: { kshCode: a.municipalityKsh, name: a.municipalityName },
    status: a.status,
    title: a.title,
    updatedAt: a.updatedAt.toISOString(),
    submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null,
    formalCheck: a.formalCheck,
    outcome: toOutcome(a.outcome),
  };
}

function toOpenCall(c: OverviewOpenCall): MyOpenCallResponse {
  return {
    id: c.id,
    year: c.year,
    titleHu: c.titleHu,
    titleEn: c.titleEn,
    submissionClosesAt: toBudapestIso(c.submissionClosesAt),
    maxApplicationsPerMunicipality: c.maxApplicationsPerMunicipality,
    themes: c.themes,
  };
}

export function toMyApplicationsResponse(o: ApplicantOverview): MyApplicationsResponse {
  return { applications: o.applications.map(toMyApplication), openCalls: o.openCalls.map(toOpenCall) };
}

@ApiTags('applications')
@Controller('my-applications')
export class MyApplicationsController {
  constructor(private readonly overview: ApplicantOverviewService) {}

  /**
   * The municipal staff's page in one answer: the applications of their approved
   * municipalities (call, theme, status, the published outcome) and the calls open for a new
   * application with their themes.
   */
  @Get()
  @Auth('applicant')
  @ApiOkResponse({ type: MyApplicationsResponse })
  async list(
    @CurrentUser() user: SessionUser,
    @Query() query: MyApplicationsQueryDto,
  ): Promise<MyApplicationsResponse> {
    return toMyApplicationsResponse(await this.overview.overview(user, currentLang(), query.callId));
  }
}
