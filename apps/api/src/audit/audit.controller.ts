import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { AuditLog, AuditService } from '@portal/audit';
import { PageQueryDto } from '@portal/core';
import { Auth } from '../auth/auth.decorator';
import { mapPage, PageResponse } from '../http/page-response';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  actorId?: string;

  @ApiPropertyOptional({ example: 'membership' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: msg('validation.maxLength') })
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: msg('validation.maxLength') })
  targetId?: string;

  @ApiPropertyOptional({ example: 'membership.approved' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: msg('validation.maxLength') })
  action?: string;
}

export class AuditEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() action: string;
  @ApiProperty() targetType: string;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) changes: Record<string, unknown>;
}

export class AuditPageResponse extends PageResponse(AuditEntryResponse) {}

function toAuditEntryResponse(a: AuditLog): AuditEntryResponse {
  return {
    id: String(a.id),
    occurredAt: a.occurredAt.toISOString(),
    actorId: a.actorId,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    requestId: a.requestId,
    changes: a.changes,
  };
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: AuditPageResponse })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageResponse> {
    const { page, pageSize, ...filter } = query;
    const result = await this.audit.list(filter, { page, pageSize });
    return mapPage(result, toAuditEntryResponse);
  }
}
