import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CallContentService } from '@portal/calls';
import type { SessionUser } from '@portal/identity';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { UuidPipe } from '../http/params';
import {
  CallCriterionResponse,
  CallQuestionResponse,
  CallThemeResponse,
  toCriterionResponse,
  toQuestionResponse,
  toThemeResponse,
} from './call-response.dto';
import {
  CreateCriterionDto,
  CreateQuestionDto,
  CreateThemeDto,
  UpdateCriterionDto,
  UpdateQuestionDto,
  UpdateThemeDto,
} from './call.dto';

/**
 * The themes, criteria and extra questions of a call (coordinators and admins). Nothing can
 * be removed once the call is announced; criteria are frozen once scoring has started.
 */
@ApiTags('calls')
@Controller('calls/:id')
@Auth('coordinator', 'admin')
export class CallContentController {
  constructor(private readonly content: CallContentService) {}

  @Post('themes')
  @ApiCreatedResponse({ type: CallThemeResponse })
  async addTheme(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateThemeDto,
  ): Promise<CallThemeResponse> {
    return toThemeResponse(await this.content.addTheme(actor, id, dto));
  }

  @Patch('themes/:themeId')
  @ApiOkResponse({ type: CallThemeResponse })
  async updateTheme(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('themeId', UuidPipe) themeId: string,
    @Body() dto: UpdateThemeDto,
  ): Promise<CallThemeResponse> {
    return toThemeResponse(await this.content.updateTheme(actor, id, themeId, dto));
  }

  @Delete('themes/:themeId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The call is announced' })
  removeTheme(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('themeId', UuidPipe) themeId: string,
  ): Promise<void> {
    return this.content.removeTheme(actor, id, themeId);
  }

  @Post('criteria')
  @ApiCreatedResponse({ type: CallCriterionResponse })
  @ApiConflictResponse({ description: 'Scoring has started, or the tie-break position is taken' })
  async addCriterion(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateCriterionDto,
  ): Promise<CallCriterionResponse> {
    return toCriterionResponse(await this.content.addCriterion(actor, id, dto));
  }

  @Patch('criteria/:criterionId')
  @ApiOkResponse({ type: CallCriterionResponse })
  @ApiConflictResponse({ description: 'Scoring has started, or the tie-break position is taken' })
  async updateCriterion(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('criterionId', UuidPipe) criterionId: string,
    @Body() dto: UpdateCriterionDto,
  ): Promise<CallCriterionResponse> {
    return toCriterionResponse(await this.content.updateCriterion(actor, id, criterionId, dto));
  }

  @Delete('criteria/:criterionId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The call is announced, or scoring has started' })
  removeCriterion(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('criterionId', UuidPipe) criterionId: string,
  ): Promise<void> {
    return this.content.removeCriterion(actor, id, criterionId);
  }

  @Post('questions')
  @ApiCreatedResponse({ type: CallQuestionResponse })
  async addQuestion(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateQuestionDto,
  ): Promise<CallQuestionResponse> {
    return toQuestionResponse(await this.content.addQuestion(actor, id, dto));
  }

  @Patch('questions/:questionId')
  @ApiOkResponse({ type: CallQuestionResponse })
  async updateQuestion(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('questionId', UuidPipe) questionId: string,
    @Body() dto: UpdateQuestionDto,
  ): Promise<CallQuestionResponse> {
    return toQuestionResponse(await this.content.updateQuestion(actor, id, questionId, dto));
  }

  @Delete('questions/:questionId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The call is announced' })
  removeQuestion(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('questionId', UuidPipe) questionId: string,
  ): Promise<void> {
    return this.content.removeQuestion(actor, id, questionId);
  }
}
