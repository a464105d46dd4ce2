import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { AuditListEntry, AuditService } from '@portal/audit';
import { currentLang, PageQueryDto } from '@portal/core';
import { Auth } from '../auth/auth.decorator';
import { CalendarDate } from '../http/budapest-instant';
import { mapPage, PageResponse } from '../http/page-response';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  actorId?: string;

  @ApiPropertyOptional({ description: "Part of the actor's name or e-mail address.", maxLength: 100 })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(100, { message: msg('validation.maxLength') })
  actor?: string;

  @ApiPropertyOptional({ example: 'membership', pattern: '^[a-z][a-z_]{0,99}$' })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @Matches(/^[a-z][a-z_]{0,99}$/, { message: msg('validation.matches') })
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(100, { message: msg('validation.maxLength') })
  targetId?: string;

  @ApiPropertyOptional({ example: 'membership.approved', pattern: '^[a-z][a-z_]*\\.[a-z][a-z_]*$' })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(100, { message: msg('validation.maxLength') })
  @Matches(/^[a-z][a-z_]*\.[a-z][a-z_]*$/, { message: msg('validation.matches') })
  action?: string;

  @ApiPropertyOptional({ description: 'First Budapest day, inclusive.', example: '2026-03-01', format: 'date' })
  @IsOptional()
  @CalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last Budapest day, inclusive.', example: '2026-03-31', format: 'date' })
  @IsOptional()
  @CalendarDate()
  to?: string;
}

export class AuditEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null for the system.' }) actorName: string | null;
  @ApiProperty() action: string;
  @ApiProperty() targetType: string;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The target in words, in the language asked for (null when it no longer exists).',
  })
  targetLabel: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The call the target belongs to.' })
  targetCallId: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) changes: Record<string, unknown>;
}

export class AuditPageResponse extends PageResponse(AuditEntryResponse) {}

function toAuditEntryResponse(a: AuditListEntry): AuditEntryResponse {
  return { ...a, occurredAt: a.occurredAt.toISOString() };
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The log, newest first, a page at a time: filtered by actor, action, target and Budapest days. */
  @Get()
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: AuditPageResponse })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageResponse> {
    const { page, pageSize, ...filter } = query;
    const result = await this.audit.list(filter, { page, pageSize }, currentLang());
    return mapPage(result, toAuditEntryResponse);
  }
}
