import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { currentLang, PageQueryDto, toBudapestIso } from '@portal/core';
import { I18nService } from 'nestjs-i18n';
import type { SessionUser } from '@portal/identity';
import { AssignmentsService, DECLARATION_VERSION, JuryService, RoundsService } from '@portal/jury';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { attachmentFile, Download } from '../http/download';
import { mapPage } from '../http/page-response';
import { UuidPipe } from '../http/params';
import {
  AddJuryMemberDto,
  AssignDto,
  AssignmentQueryDto,
  ConflictQueryDto,
  CreateRoundDto,
  DeclarationDto,
  DeclareConflictDto,
  JurySettingsDto,
  MyAssignmentQueryDto,
  PreferenceDto,
  ScorecardDto,
  RankingQueryDto,
  SensitivityQueryDto,
  SetConflictDto,
  UpdateJuryMemberDto,
  UpdateRoundDto,
  VersionDto,
} from './jury.dto';
import {
  ApplicationProgressPageResponse,
  AssignmentDetailResponse,
  AssignmentPageResponse,
  AssignmentResponse,
  AutoAssignResponse,
  CandidatePageResponse,
  ConflictPageResponse,
  ConflictResponse,
  DeclarationResponse,
  JurorCallResponse,
  JurorProgressPageResponse,
  JuryMemberPageResponse,
  JuryMemberResponse,
  JurySettingsResponse,
  MyProgressResponse,
  PanelScorecardResponse,
  PreferenceResponse,
  RankingPageResponse,
  RoundResponse,
  ScorecardResponse,
  SensitivityResponse,
  toAssignmentDetailResponse,
  toAssignmentResponse,
  toAutoAssignResponse,
  toConflictResponse,
  toJurorCallResponse,
  toJuryMemberResponse,
  toPanelResponse,
  toRankingPageResponse,
  toRoundResponse,
  toScorecardResponse,
} from './jury-response.dto';

/** A call's jury, conflicts and rounds, for coordinators (rounds also for the call's jurors). */
@ApiTags('jury')
@Controller('calls/:callId')
export class CallJuryController {
  constructor(
    private readonly jury: JuryService,
    private readonly rounds: RoundsService,
  ) {}

  @Get('jury/settings')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: JurySettingsResponse })
  settings(@Param('callId', UuidPipe) callId: string): Promise<JurySettingsResponse> {
    return this.jury.settings(callId);
  }

  @Put('jury/settings')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: JurySettingsResponse })
  updateSettings(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: JurySettingsDto,
  ): Promise<JurySettingsResponse> {
    return this.jury.updateSettings(user, callId, dto);
  }

  @Get('jury')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: JuryMemberPageResponse })
  async members(
    @Param('callId', UuidPipe) callId: string,
    @Query() query: PageQueryDto,
  ): Promise<JuryMemberPageResponse> {
    return mapPage(await this.jury.listMembers(callId, query), toJuryMemberResponse);
  }

  @Post('jury')
  @Auth('coordinator', 'admin')
  @ApiCreatedResponse({ type: JuryMemberResponse })
  async addMember(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: AddJuryMemberDto,
  ): Promise<JuryMemberResponse> {
    return toJuryMemberResponse(await this.jury.addMember(user, callId, dto));
  }

  @Patch('jury/:memberId')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: JuryMemberResponse })
  async updateMember(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Param('memberId', UuidPipe) memberId: string,
    @Body() dto: UpdateJuryMemberDto,
  ): Promise<JuryMemberResponse> {
    return toJuryMemberResponse(await this.jury.updateMember(user, callId, memberId, dto));
  }

  /** Takes a juror off the jury; unscored assignments go, saved scorecards stay. */
  @Delete('jury/:memberId')
  @HttpCode(204)
  @Auth('coordinator', 'admin')
  @ApiNoContentResponse()
  async removeMember(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Param('memberId', UuidPipe) memberId: string,
  ): Promise<void> {
    await this.jury.removeMember(user, callId, memberId);
  }

  /** Every conflict of interest: declared, set by a coordinator, and automatic (municipality, partner). */
  @Get('conflicts')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: ConflictPageResponse })
  async conflicts(
    @Param('callId', UuidPipe) callId: string,
    @Query() query: ConflictQueryDto,
  ): Promise<ConflictPageResponse> {
    return mapPage(await this.jury.listConflicts(callId, query, query), toConflictResponse);
  }

  @Post('conflicts')
  @Auth('coordinator', 'admin')
  @ApiCreatedResponse({ type: ConflictResponse })
  async setConflict(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: SetConflictDto,
  ): Promise<ConflictResponse> {
    return toConflictResponse(await this.jury.setConflict(user, callId, dto));
  }

  @Get('rounds')
  @Auth('coordinator', 'admin', 'juror')
  @ApiOkResponse({ type: [RoundResponse] })
  async listRounds(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
  ): Promise<RoundResponse[]> {
    return (await this.rounds.list(user, callId)).map(toRoundResponse);
  }

  /** A new scoring round: round 1 once scoring started; later rounds with a shortlist of the closed previous one. */
  @Post('rounds')
  @Auth('coordinator', 'admin')
  @ApiCreatedResponse({ type: RoundResponse })
  async createRound(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: CreateRoundDto,
  ): Promise<RoundResponse> {
    return toRoundResponse(await this.rounds.create(user, callId, dto));
  }
}

/** A juror's own side: their calls, the declaration, conflicts, preferences, assignments. */
@ApiTags('jury')
@Controller('jury')
export class JurorController {
  constructor(
    private readonly jury: JuryService,
    private readonly assignments: AssignmentsService,
    private readonly i18n: I18nService,
  ) {}

  /** The declaration a juror accepts for each call, in the caller's language. */
  @Get('declaration')
  @Auth('juror')
  @ApiOkResponse({ type: DeclarationResponse })
  declaration(): DeclarationResponse {
    const lang = currentLang();
    return {
      version: DECLARATION_VERSION,
      title: this.i18n.t('jury.declarationTitle', { lang }),
      text: this.i18n.t('jury.declaration', { lang }),
    };
  }

  @Get('calls')
  @Auth('juror')
  @ApiOkResponse({ type: [JurorCallResponse] })
  async calls(@CurrentUser() user: SessionUser): Promise<JurorCallResponse[]> {
    return (await this.jury.callsOf(user)).map(toJurorCallResponse);
  }

  @Post('calls/:callId/declaration')
  @HttpCode(200)
  @Auth('juror')
  @ApiOkResponse({ type: JurorCallResponse })
  async accept(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() _dto: DeclarationDto,
  ): Promise<JurorCallResponse> {
    return toJurorCallResponse(await this.jury.acceptDeclaration(user, callId));
  }

  /** Eligible applications in the juror's themes, to declare conflicts and preferences. */
  @Get('calls/:callId/applications')
  @Auth('juror')
  @ApiOkResponse({ type: CandidatePageResponse })
  candidates(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Query() query: PageQueryDto,
  ): Promise<CandidatePageResponse> {
    return this.jury.candidates(user, callId, query);
  }

  @Put('calls/:callId/preferences/:applicationId')
  @Auth('juror')
  @ApiOkResponse({ type: PreferenceResponse })
  preference(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Param('applicationId', UuidPipe) applicationId: string,
    @Body() dto: PreferenceDto,
  ): Promise<PreferenceResponse> {
    return this.jury.setPreference(user, callId, applicationId, dto.preference);
  }

  /** Declares a conflict of interest; any scorecard already saved for it is excluded from the result. */
  @Post('calls/:callId/conflicts')
  @Auth('juror')
  @ApiCreatedResponse({ type: ConflictResponse })
  async declare(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: DeclareConflictDto,
  ): Promise<ConflictResponse> {
    return toConflictResponse(await this.jury.declareConflict(user, callId, dto));
  }

  @Get('assignments')
  @Auth('juror')
  @ApiOkResponse({ type: AssignmentPageResponse })
  async mine(@CurrentUser() user: SessionUser, @Query() query: MyAssignmentQueryDto): Promise<AssignmentPageResponse> {
    return mapPage(await this.assignments.mine(user, query, query), toAssignmentResponse);
  }

  /** The juror's own progress in every round they score, in one answer (the list needs no request per round). */
  @Get('progress')
  @Auth('juror')
  @ApiOkResponse({ type: [MyProgressResponse] })
  async allProgress(@CurrentUser() user: SessionUser): Promise<MyProgressResponse[]> {
    return (await this.assignments.myRounds(user)).map((p) => ({ ...p, closesAt: toBudapestIso(p.closesAt) }));
  }

  @Get('rounds/:roundId/progress')
  @Auth('juror')
  @ApiOkResponse({ type: MyProgressResponse })
  async progress(
    @CurrentUser() user: SessionUser,
    @Param('roundId', UuidPipe) roundId: string,
  ): Promise<MyProgressResponse> {
    const progress = await this.assignments.myProgress(user, roundId);
    return { ...progress, closesAt: toBudapestIso(progress.closesAt) };
  }
}

@ApiTags('jury')
@Controller('rounds/:roundId')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly assignments: AssignmentsService,
  ) {}

  @Get()
  @Auth('coordinator', 'admin', 'juror')
  @ApiOkResponse({ type: RoundResponse })
  async get(@CurrentUser() user: SessionUser, @Param('roundId', UuidPipe) roundId: string): Promise<RoundResponse> {
    return toRoundResponse(await this.rounds.get(user, roundId));
  }

  @Patch()
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: RoundResponse })
  async update(
    @CurrentUser() user: SessionUser,
    @Param('roundId', UuidPipe) roundId: string,
    @Body() dto: UpdateRoundDto,
  ): Promise<RoundResponse> {
    return toRoundResponse(await this.rounds.update(user, roundId, dto));
  }

  /** Closes the round: no score is saved after this; scores become visible to its jurors. */
  @Post('close')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: RoundResponse })
  async close(
    @CurrentUser() user: SessionUser,
    @Param('roundId', UuidPipe) roundId: string,
    @Body() dto: VersionDto,
  ): Promise<RoundResponse> {
    return toRoundResponse(await this.rounds.close(user, roundId, dto.version));
  }

  @Post('auto-assign')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: AutoAssignResponse })
  async autoAssign(
    @CurrentUser() user: SessionUser,
    @Param('roundId', UuidPipe) roundId: string,
  ): Promise<AutoAssignResponse> {
    return toAutoAssignResponse(await this.assignments.autoAssign(user, roundId));
  }

  @Get('assignments')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: AssignmentPageResponse })
  async assignmentsOf(
    @Param('roundId', UuidPipe) roundId: string,
    @Query() query: AssignmentQueryDto,
  ): Promise<AssignmentPageResponse> {
    return mapPage(await this.assignments.list(roundId, query, query), toAssignmentResponse);
  }

  @Post('assignments')
  @Auth('coordinator', 'admin')
  @ApiCreatedResponse({ type: AssignmentResponse })
  async assign(
    @CurrentUser() user: SessionUser,
    @Param('roundId', UuidPipe) roundId: string,
    @Body() dto: AssignDto,
  ): Promise<AssignmentResponse> {
    return toAssignmentResponse(await this.assignments.assign(user, roundId, dto));
  }

  /** Coordinators at any time; the round's jurors after it closed (never applications they are in conflict with). */
  @Get('ranking')
  @Auth('coordinator', 'admin', 'juror')
  @ApiOkResponse({ type: RankingPageResponse })
  async ranking(
    @CurrentUser() user: SessionUser,
    @Param('roundId', UuidPipe) roundId: string,
    @Query() query: RankingQueryDto,
  ): Promise<RankingPageResponse> {
    return toRankingPageResponse(await this.rounds.ranking(user, roundId, query));
  }

  /** The winners under every scoring method side by side, and whether they would differ. */
  @Get('sensitivity')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: SensitivityResponse })
  sensitivity(
    @Param('roundId', UuidPipe) roundId: string,
    @Query() query: SensitivityQueryDto,
  ): Promise<SensitivityResponse> {
    return this.rounds.sensitivity(roundId, query.top);
  }

  @Get('progress/jurors')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: JurorProgressPageResponse })
  jurorProgress(
    @Param('roundId', UuidPipe) roundId: string,
    @Query() query: PageQueryDto,
  ): Promise<JurorProgressPageResponse> {
    return this.rounds.jurorProgress(roundId, query);
  }

  @Get('progress/applications')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: ApplicationProgressPageResponse })
  applicationProgress(
    @Param('roundId', UuidPipe) roundId: string,
    @Query() query: PageQueryDto,
  ): Promise<ApplicationProgressPageResponse> {
    return this.rounds.applicationProgress(roundId, query);
  }
}

@ApiTags('jury')
@Controller('assignments/:id')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /** The application as submitted, the round's criteria and the juror's own scorecard. */
  @Get()
  @Auth('juror', 'coordinator', 'admin')
  @ApiOkResponse({ type: AssignmentDetailResponse })
  async get(@CurrentUser() user: SessionUser, @Param('id', UuidPipe) id: string): Promise<AssignmentDetailResponse> {
    return toAssignmentDetailResponse(await this.assignments.detail(user, id));
  }

  @Delete()
  @HttpCode(204)
  @Auth('coordinator', 'admin')
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: SessionUser, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.assignments.unassign(user, id);
  }

  /** Saves the juror's scorecard (a draft, or submitted with `submit`) while the round is open. */
  @Put('scorecard')
  @Auth('juror')
  @ApiOkResponse({ type: ScorecardResponse })
  async save(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ScorecardDto,
  ): Promise<ScorecardResponse> {
    return toScorecardResponse(await this.assignments.saveScorecard(user, id, dto));
  }

  /** Every juror's scorecard of this application in the round: for jurors only after the round closed. */
  @Get('scores')
  @Auth('juror', 'coordinator', 'admin')
  @ApiOkResponse({ type: [PanelScorecardResponse] })
  async panel(@CurrentUser() user: SessionUser, @Param('id', UuidPipe) id: string): Promise<PanelScorecardResponse[]> {
    return (await this.assignments.panel(user, id)).map(toPanelResponse);
  }

  @Get('attachments/:attachmentId')
  @Auth('juror', 'coordinator', 'admin')
  @Download('The file of the submitted version, as an attachment download')
  async download(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    return attachmentFile(await this.assignments.download(user, id, attachmentId));
  }
}
