import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { PageQueryDto } from '@portal/core';

/** GET /api/mails/captured: a page of the catcher's mailbox, optionally for one recipient. */
export class CapturedMailQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the recipient address (case-insensitive)', example: 'kovacs.anna@' })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(254, { message: msg('validation.maxLength') })
  to?: string;
}
