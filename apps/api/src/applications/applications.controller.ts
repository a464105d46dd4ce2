import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApplicationAttachmentsService,
  ApplicationReviewService,
  ApplicationStatisticsService,
  ApplicationsService,
  MAX_ATTACHMENT_BYTES,
} from '@portal/applications';
import { currentLang } from '@portal/core';
import type { SessionUser } from '@portal/identity';
import { PublicationsService } from '@portal/results';
import { attachmentDisposition } from '@portal/storage';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { attachmentFile, Download } from '../http/download';
import { UuidPipe } from '../http/params';
import { ApplicationOutcomeResponse, toApplicationOutcomeResponse } from './application-outcome-response.dto';
import { CallStatisticsResponse } from './call-statistics-response.dto';
import { mapPage } from '../http/page-response';
import {
  ApplicationQueryDto,
  CreateApplicationDto,
  FormalCheckDto,
  ReopenApplicationDto,
  SubmitApplicationDto,
  UpdateApplicationDto,
} from './application.dto';
import {
  ApplicationPageResponse,
  ApplicationResponse,
  AttachmentResponse,
  MissingFieldsResponse,
  SubmitResponse,
  toApplicationListItem,
  toApplicationResponse,
  toAttachmentResponse,
  toSubmissionResponse,
} from './application-response.dto';

/** What multer hands over for one file kept in memory. */
interface UploadedFileData {
  originalname: string;
  buffer: Buffer;
}

/** Uploads: in memory, one file, at most 20 MB (larger: 413), names read as UTF-8. */
const UPLOAD = FileInterceptor('file', {
  limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 },
  defParamCharset: 'utf8',
});

@ApiTags('applications')
@Controller('calls/:callId')
export class CallApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly review: ApplicationReviewService,
    private readonly statistics: ApplicationStatisticsService,
  ) {}

  /** Submitted applications per theme and per county (all of them, zeros too), and all applications per status. */
  @Get('statistics')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: CallStatisticsResponse })
  @ApiNotFoundResponse({ description: 'Unknown call' })
  statisticsOf(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
  ): Promise<CallStatisticsResponse> {
    return this.statistics.ofCall(user, callId);
  }

  /** A new draft of the member's municipality for a theme of the call, while the call accepts submissions. */
  @Post('applications')
  @Auth()
  @ApiCreatedResponse({ type: ApplicationResponse })
  async create(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: CreateApplicationDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.create(user, callId, dto));
  }

  /**
   * Every application of the call, drafts and withdrawn ones too (see the status column), as
   * CSV for a spreadsheet: UTF-8 with BOM, `;`, Budapest times, formula-like cells neutralised.
   */
  @Get('applications.csv')
  @Auth('coordinator', 'admin')
  @Download('The CSV file, as an attachment download', 'text/csv')
  async exportCsv(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
  ): Promise<StreamableFile> {
    const csv = await this.review.exportCsv(user, callId);
    return new StreamableFile(Buffer.from(csv.content, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: attachmentDisposition(csv.fileName),
    });
  }
}

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly attachments: ApplicationAttachmentsService,
    private readonly review: ApplicationReviewService,
    private readonly publications: PublicationsService,
  ) {}

  /** Applicants see their municipalities' applications; coordinators and admins all. */
  @Get()
  @Auth('applicant', 'coordinator', 'admin')
  @ApiOkResponse({ type: ApplicationPageResponse })
  async list(@CurrentUser() user: SessionUser, @Query() query: ApplicationQueryDto): Promise<ApplicationPageResponse> {
    return mapPage(await this.applications.list(user, query, query), toApplicationListItem);
  }

  @Get(':id')
  @Auth()
  @ApiOkResponse({ type: ApplicationResponse })
  async get(@CurrentUser() user: SessionUser, @Param('id', UuidPipe) id: string): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.get(user, id));
  }

  /** Saves a draft change made on `version`: 409 APPLICATION_STALE_VERSION (with `current`) when it is stale. */
  @Patch(':id')
  @Auth()
  @ApiOkResponse({ type: ApplicationResponse })
  async update(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateApplicationDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.update(user, id, dto));
  }

  /**
   * The outcome once the call's results are published (404 RESULTS_NOT_PUBLISHED before):
   * awarded or not, the level, the theme and the jury's feedback texts; no juror, no score.
   */
  @Get(':id/outcome')
  @Auth()
  @ApiOkResponse({ type: ApplicationOutcomeResponse })
  @ApiNotFoundResponse({ description: 'Not visible to the caller, or the results are not published yet' })
  async outcome(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
  ): Promise<ApplicationOutcomeResponse> {
    return toApplicationOutcomeResponse(await this.publications.applicationOutcome(user, id, currentLang()));
  }

  /** The fields a submission would still miss. */
  @Get(':id/missing')
  @Auth()
  @ApiOkResponse({ type: MissingFieldsResponse })
  async missing(@CurrentUser() user: SessionUser, @Param('id', UuidPipe) id: string): Promise<MissingFieldsResponse> {
    return { missing: await this.applications.missing(user, id) };
  }

  /**
   * Submits the application: 201 with the new submission, or 200 with the same submission
   * when it was submitted already (repeated or concurrent submits).
   */
  @Post(':id/submit')
  @Auth()
  @ApiCreatedResponse({ type: SubmitResponse })
  @ApiOkResponse({ type: SubmitResponse, description: 'Submitted already: the same submission' })
  async submit(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: SubmitApplicationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubmitResponse> {
    const result = await this.applications.submit(user, id, dto.version);
    res.status(result.created ? 201 : 200);
    return { application: toApplicationResponse(result.detail), submission: toSubmissionResponse(result.submission) };
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Auth()
  @ApiOkResponse({ type: ApplicationResponse })
  async withdraw(@CurrentUser() user: SessionUser, @Param('id', UuidPipe) id: string): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.withdraw(user, id));
  }

  /**
   * Coordinators send a submitted application back to draft for correction (before scoring
   * starts), with a reason e-mailed to the municipality's staff and optionally its own
   * resubmission deadline (required once the municipality's deadline has passed).
   */
  @Post(':id/reopen')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: ApplicationResponse })
  async reopen(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ReopenApplicationDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.review.reopen(user, id, dto));
  }

  /** The formal check of a submitted application, from the call's deadline until scoring starts; changeable. */
  @Post(':id/formal-check')
  @HttpCode(200)
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: ApplicationResponse })
  async formalCheck(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: FormalCheckDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.review.formalCheck(user, id, dto));
  }

  @Get(':id/submissions/:number/receipt')
  @Auth()
  @Download('The receipt PDF', 'application/pdf')
  async receipt(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('number', ParseIntPipe) number: number,
  ): Promise<StreamableFile> {
    const receipt = await this.applications.receipt(user, id, number);
    return new StreamableFile(receipt.content, {
      type: 'application/pdf',
      disposition: attachmentDisposition(receipt.fileName),
    });
  }

  @Get(':id/attachments')
  @Auth()
  @ApiOkResponse({ type: [AttachmentResponse] })
  async attachmentList(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
  ): Promise<AttachmentResponse[]> {
    return (await this.attachments.list(user, id)).map(toAttachmentResponse);
  }

  /** One file in the multipart field `file`; its kind is decided by its content. */
  @Post(':id/attachments')
  @Auth()
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentResponse })
  async upload(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @UploadedFile() file: UploadedFileData | undefined,
  ): Promise<AttachmentResponse> {
    const upload = file ? { originalName: file.originalname, content: file.buffer } : undefined;
    return toAttachmentResponse(await this.attachments.add(user, id, upload));
  }

  @Get(':id/attachments/:attachmentId')
  @Auth()
  @Download('The file, as an attachment download')
  async download(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    return attachmentFile(await this.attachments.download(user, id, attachmentId));
  }

  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @Auth()
  @ApiNoContentResponse()
  async removeAttachment(
    @CurrentUser() user: SessionUser,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<void> {
    await this.attachments.remove(user, id, attachmentId);
  }
}
