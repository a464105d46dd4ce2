import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CallsService } from '@portal/calls';
import type { SessionUser } from '@portal/identity';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { mapPage, PageResponse } from '../http/page-response';
import { UuidPipe } from '../http/params';
import { CallDetailResponse, CallResponse, toCallDetailResponse, toCallResponse } from './call-response.dto';
import { CallQueryDto, CallStepDto, CopyCallDto, CreateCallDto, UpdateCallDto } from './call.dto';

export class CallPageResponse extends PageResponse(CallResponse) {}

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  /** Announced calls, newest year first (coordinators and admins also see drafts); ?status= filters. */
  @Get()
  @ApiOkResponse({ type: CallPageResponse })
  async list(@CurrentUser() viewer: SessionUser | undefined, @Query() query: CallQueryDto): Promise<CallPageResponse> {
    return mapPage(await this.calls.list(viewer, query, query), toCallResponse);
  }

  /** An announced call with its themes, criteria and questions; a draft is 404 except for coordinators and admins. */
  @Get(':id')
  @ApiOkResponse({ type: CallDetailResponse })
  @ApiNotFoundResponse({ description: 'Unknown, or a draft' })
  async get(
    @CurrentUser() viewer: SessionUser | undefined,
    @Param('id', UuidPipe) id: string,
  ): Promise<CallDetailResponse> {
    return toCallDetailResponse(await this.calls.get(viewer, id));
  }

  /** A new draft call. */
  @Post()
  @Auth('coordinator', 'admin')
  @ApiCreatedResponse({ type: CallDetailResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields, or phases out of order' })
  @ApiConflictResponse({ description: 'The programme has a call for this year already' })
  async create(@CurrentUser() actor: SessionUser, @Body() dto: CreateCallDto): Promise<CallDetailResponse> {
    return toCallDetailResponse(await this.calls.create(actor, dto));
  }

  /** Changes fields of the call; `version` must be the current one (409 STALE_VERSION otherwise). */
  @Patch(':id')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: CallDetailResponse })
  @ApiConflictResponse({
    description: 'Stale version (the body names currentVersion), or a field frozen at this stage',
  })
  async update(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateCallDto,
  ): Promise<CallDetailResponse> {
    return toCallDetailResponse(await this.calls.update(actor, id, dto));
  }

  /** Draft → open: needs at least one theme and one criterion. */
  @Post(':id/announce')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: CallDetailResponse })
  @ApiConflictResponse({ description: 'Not a draft, or not complete' })
  async announce(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CallStepDto,
  ): Promise<CallDetailResponse> {
    return toCallDetailResponse(await this.calls.announce(actor, id, dto.version));
  }

  /** A new draft for another year with this call's texts, themes, criteria and questions. */
  @Post(':id/copy')
  @Auth('coordinator', 'admin')
  @ApiCreatedResponse({ type: CallDetailResponse })
  @ApiConflictResponse({ description: 'The programme has a call for this year already' })
  async copy(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CopyCallDto,
  ): Promise<CallDetailResponse> {
    return toCallDetailResponse(await this.calls.copy(actor, id, dto));
  }

  /** Closed → scoring; the criteria are frozen from then on. */
  @Post(':id/start-scoring')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: CallDetailResponse })
  @ApiConflictResponse({ description: 'The call is not closed' })
  async startScoring(
    @CurrentUser() actor: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CallStepDto,
  ): Promise<CallDetailResponse> {
    return toCallDetailResponse(await this.calls.startScoring(actor, id, dto.version));
  }
}
