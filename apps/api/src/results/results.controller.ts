import type { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { currentLang as lang, toBudapestIso } from '@portal/core';
import type { SessionUser } from '@portal/identity';
import {
  type AwardLevelView,
  DecisionsService,
  type PublicationCertificate,
  type PublicationView,
  PublicationsService,
  type PublicResults,
  ResultsExportsService,
  type ThemeDecisionView,
} from '@portal/results';
import { MunicipalitiesService } from '@portal/municipalities';
import { attachmentDisposition } from '@portal/storage';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { Download } from '../http/download';
import { UuidPipe } from '../http/params';
import { MunicipalityKshParamDto } from '../municipalities/municipality-ksh-param.dto';
import { MunicipalityResponseDto, toMunicipalityResponse } from '../municipalities/municipality-response.dto';
import {
  AwardLevelsDto,
  PublicationRequestDto,
  PublicResultsQueryDto,
  RankingCsvQueryDto,
  ThemeAwardsDto,
} from './results.dto';

export class AwardLevelResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() nameHu: string;
  @ApiProperty() nameEn: string;
}

export class AwardResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() level: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: 'integer', nullable: true }) rankAtDecision: number | null;
  @ApiProperty({ type: Number, nullable: true }) scoreAtDecision: number | null;
}

export class ThemeDecisionResponse {
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() followsRanking: boolean;
  @ApiProperty({ type: String, nullable: true }) justification: string | null;
  @ApiProperty({ type: [String] }) committeeOrder: string[];
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() decidedAt: string;
  @ApiProperty({ type: [AwardResponse] }) awards: AwardResponse[];
}

function toThemeDecisionResponse(d: ThemeDecisionView): ThemeDecisionResponse {
  return { ...d, decidedAt: toBudapestIso(d.decidedAt) };
}

export class DecidedResponse {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() decidedAt: string;
}

export class MailCountsResponse {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) queued: number;
  @ApiProperty({ type: 'integer' }) sent: number;
  @ApiProperty({ type: 'integer' }) failed: number;
}

export class PublicationFilesResponse {
  @ApiProperty() listHu: boolean;
  @ApiProperty() listEn: boolean;
  @ApiProperty({ type: 'integer' }) certificates: number;
}

export class PublicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ type: String, nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the frozen snapshot.' }) sha256: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) changes: object | null;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: MailCountsResponse }) mails: MailCountsResponse;
  @ApiProperty({ type: PublicationFilesResponse }) files: PublicationFilesResponse;
}

function toPublicationResponse(p: PublicationView): PublicationResponse {
  return {
    ...p,
    requestedAt: toBudapestIso(p.requestedAt),
    startedAt: toBudapestIso(p.startedAt),
    completedAt: toBudapestIso(p.completedAt),
  };
}

export class PublicationCertificateResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty({ description: 'The theme’s title, in the language asked for.' }) theme: string;
  @ApiProperty({ description: 'The award level, in the language asked for.' }) level: string;
  @ApiProperty() municipality: string;
  @ApiProperty() title: string;
}

export class PublicAwardResponse {
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() levelCode: string;
  @ApiProperty() level: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() municipalityKsh: string;
  @ApiProperty() municipality: string;
  @ApiProperty() county: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
}

export class PublicThemeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [PublicAwardResponse] }) awards: PublicAwardResponse[];
}

export class PublicCallRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() title: string;
}

export class PublicResultsResponse {
  @ApiProperty({ type: PublicCallRef }) call: PublicCallRef;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() publishedAt: string;
  @ApiProperty({ enum: ['mean', 'median', 'trimmed_mean', 'normalised'] }) scoringMethod: string;
  @ApiProperty({ type: [PublicThemeResponse] }) themes: PublicThemeResponse[];
}

function toPublicResultsResponse(r: PublicResults): PublicResultsResponse {
  return { ...r, publishedAt: toBudapestIso(new Date(r.publishedAt)) };
}

export class MunicipalityAwardResponse extends PublicAwardResponse {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ description: 'The call’s title, in the language asked for.' }) call: string;
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty({ description: 'The theme’s title, in the language asked for.' }) theme: string;
}

export class MunicipalityAwardsResponse {
  @ApiProperty({ type: MunicipalityResponseDto }) municipality: MunicipalityResponseDto;
  @ApiProperty({
    type: [MunicipalityAwardResponse],
    description: 'Its awards in the published calls, newest call first (what was not awarded is not public).',
  })
  awards: MunicipalityAwardResponse[];
}

export class ScoringRulesResponse {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ enum: ['mean', 'median', 'trimmed_mean', 'normalised'] }) scoringMethod: string;
  @ApiProperty({ description: 'The method in words, in the language asked for.' }) description: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Least score (0–100) for an award.' })
  minAwardScore: number | null;
  @ApiProperty({ type: [String], description: 'Award levels, highest first, in the language asked for.' })
  awardLevels: string[];
}

/** A stored PDF as the download it is served as. */
function pdfFile(file: { content: Readable; fileName: string }): StreamableFile {
  return new StreamableFile(file.content, {
    type: 'application/pdf',
    disposition: attachmentDisposition(file.fileName),
  });
}

/** Award levels, decisions and publishing, for coordinators. */
@ApiTags('results')
@Controller('calls/:callId')
export class CallResultsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly publications: PublicationsService,
    private readonly exports: ResultsExportsService,
  ) {}

  @Get('award-levels')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: [AwardLevelResponse] })
  awardLevels(@Param('callId', UuidPipe) callId: string): Promise<AwardLevelView[]> {
    return this.decisions.awardLevels(callId);
  }

  @Put('award-levels')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: [AwardLevelResponse] })
  setAwardLevels(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: AwardLevelsDto,
  ): Promise<AwardLevelView[]> {
    return this.decisions.setAwardLevels(user, callId, dto.levels);
  }

  @Get('decisions')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: [ThemeDecisionResponse] })
  async decisionsOf(@Param('callId', UuidPipe) callId: string): Promise<ThemeDecisionResponse[]> {
    return (await this.decisions.decisions(callId)).map(toThemeDecisionResponse);
  }

  /** Records the awards of a theme on the last round's ranking; departing from it needs a justification. */
  @Put('themes/:themeId/awards')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: ThemeDecisionResponse })
  async decideTheme(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Param('themeId', UuidPipe) themeId: string,
    @Body() dto: ThemeAwardsDto,
  ): Promise<ThemeDecisionResponse> {
    return toThemeDecisionResponse(await this.decisions.decideTheme(user, callId, themeId, dto));
  }

  /** Decides the call once every theme has its decision: the decisions are frozen from then on. */
  @Post('decide')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: DecidedResponse })
  async decide(@CurrentUser() user: SessionUser, @Param('callId', UuidPipe) callId: string): Promise<DecidedResponse> {
    const decided = await this.decisions.decide(user, callId);
    return { callId: decided.callId, decidedAt: toBudapestIso(decided.decidedAt) };
  }

  /**
   * Publishes the decided results through the queue: 202 at once with the publication (a
   * repeated request gets the same one while nothing changed); follow it at GET /api/publications/:id.
   */
  @Post('publications')
  @HttpCode(202)
  @Auth('coordinator', 'admin')
  @ApiAcceptedResponse({ type: PublicationResponse })
  async publish(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: PublicationRequestDto,
  ): Promise<PublicationResponse> {
    return toPublicationResponse((await this.publications.request(user, callId, dto)).publication);
  }

  @Get('publications')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: [PublicationResponse] })
  async publicationsOf(@Param('callId', UuidPipe) callId: string): Promise<PublicationResponse[]> {
    return (await this.publications.list(callId)).map(toPublicationResponse);
  }

  /** The ranking of a round (default: the last) with every score, as CSV for Excel. */
  @Get('ranking.csv')
  @Auth('coordinator', 'admin')
  @Download('The ranking, as CSV', 'text/csv')
  async rankingCsv(
    @Param('callId', UuidPipe) callId: string,
    @Query() query: RankingCsvQueryDto,
  ): Promise<StreamableFile> {
    const csv = await this.exports.rankingCsv(callId, query.roundId, lang());
    return new StreamableFile(Buffer.from(csv.content, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: attachmentDisposition(csv.fileName),
    });
  }

  /** Every scorecard of every round, criterion by criterion, as CSV for Excel. */
  @Get('scores.csv')
  @Auth('coordinator', 'admin')
  @Download('The scores, as CSV', 'text/csv')
  async scoresCsv(@Param('callId', UuidPipe) callId: string): Promise<StreamableFile> {
    const csv = await this.exports.scoresCsv(callId, lang());
    return new StreamableFile(Buffer.from(csv.content, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: attachmentDisposition(csv.fileName),
    });
  }
}

@ApiTags('results')
@Controller('publications/:id')
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  @Get()
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: PublicationResponse })
  async get(@Param('id', UuidPipe) id: string): Promise<PublicationResponse> {
    return toPublicationResponse(await this.publications.get(id));
  }

  /** Queues a failed publication again; what it finished is not repeated. */
  @Post('retry')
  @HttpCode(202)
  @Auth('coordinator', 'admin')
  @ApiAcceptedResponse({ type: PublicationResponse })
  async retry(@CurrentUser() user: SessionUser, @Param('id', UuidPipe) id: string): Promise<PublicationResponse> {
    return toPublicationResponse(await this.publications.retry(user, id));
  }

  /** The winner list PDF of this version, in the caller's language (`?lang=en`: English); 404 until rendered. */
  @Get('winner-list.pdf')
  @Auth('coordinator', 'admin')
  @Download('The winner list of this version, as PDF', 'application/pdf')
  async listPdf(@Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    return pdfFile(await this.publications.listPdf(id, lang()));
  }

  /** The certificates this version has rendered so far, in the order of the winner list. */
  @Get('certificates')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: [PublicationCertificateResponse] })
  certificates(@Param('id', UuidPipe) id: string): Promise<PublicationCertificate[]> {
    return this.publications.certificates(id, lang());
  }

  /** One awarded application's certificate of this version, as PDF; 404 when it has none. */
  @Get('certificates/:applicationId')
  @Auth('coordinator', 'admin')
  @Download('The certificate, as PDF', 'application/pdf')
  async certificatePdf(
    @Param('id', UuidPipe) id: string,
    @Param('applicationId', UuidPipe) applicationId: string,
  ): Promise<StreamableFile> {
    return pdfFile(await this.publications.certificatePdf(id, applicationId));
  }

  /** Sends the outcome mails that failed again; a mail already sent is never sent twice. */
  @Post('retry-mails')
  @HttpCode(202)
  @Auth('coordinator', 'admin')
  @ApiAcceptedResponse({ type: PublicationResponse })
  async retryMails(@CurrentUser() user: SessionUser, @Param('id', UuidPipe) id: string): Promise<PublicationResponse> {
    return toPublicationResponse(await this.publications.retryFailedMails(user, id));
  }
}

/** The published results, for everyone: nothing before publication, no juror, no score of a juror, no note. */
@ApiTags('public')
@Controller('public')
export class PublicResultsController {
  constructor(
    private readonly publications: PublicationsService,
    private readonly municipalities: MunicipalitiesService,
  ) {}

  /** A municipality's page: the municipality and its awards in every published call. */
  @Get('municipalities/:ksh/awards')
  @ApiOkResponse({ type: MunicipalityAwardsResponse })
  @ApiBadRequestResponse({ description: 'The code is not 5 digits' })
  @ApiNotFoundResponse({ description: 'No municipality has this code' })
  async municipalityAwards(@Param() { ksh }: MunicipalityKshParamDto): Promise<MunicipalityAwardsResponse> {
    const municipality = toMunicipalityResponse(await this.municipalities.findByKsh(ksh));
    return { municipality, awards: await this.publications.publicAwardsOfMunicipality(ksh, lang()) };
  }

  @Get('results')
  @ApiOkResponse({ type: PublicResultsResponse })
  async byYear(@Query() query: PublicResultsQueryDto): Promise<PublicResultsResponse> {
    return toPublicResultsResponse(await this.publications.publicResultsOfYear(query.year, lang()));
  }

  @Get('calls/:callId/results')
  @ApiOkResponse({ type: PublicResultsResponse })
  async byCall(@Param('callId', UuidPipe) callId: string): Promise<PublicResultsResponse> {
    return toPublicResultsResponse(await this.publications.publicResults(callId, lang()));
  }

  /** How the call's applications are scored and awarded: announced with the call, before any score. */
  @Get('calls/:callId/scoring-rules')
  @ApiOkResponse({ type: ScoringRulesResponse })
  scoringRules(@Param('callId', UuidPipe) callId: string): Promise<ScoringRulesResponse> {
    return this.publications.scoringRules(callId, lang());
  }

  @Get('calls/:callId/results.pdf')
  @Download('The published winner list, as PDF', 'application/pdf')
  async pdf(@Param('callId', UuidPipe) callId: string): Promise<StreamableFile> {
    const file = await this.publications.publicListPdf(callId, lang());
    return new StreamableFile(file.content, {
      type: 'application/pdf',
      disposition: attachmentDisposition(file.fileName),
    });
  }
}
