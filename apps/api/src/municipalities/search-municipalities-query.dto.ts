import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { i18nValidationMessage } from 'nestjs-i18n';
import { PageQueryDto } from '@portal/core';
import { COUNTIES, County, LEGAL_STATUSES, LegalStatus } from '@portal/municipalities';

export const MAX_SEARCH_LENGTH = 100;

/** GET /api/municipalities: search the register by name, county and legal status. */
export class SearchMunicipalitiesQueryDto extends PageQueryDto {
  @ApiProperty({
    required: false,
    maxLength: MAX_SEARCH_LENGTH,
    example: 'gyor',
    description: 'Part of the name; accents, case and extra spaces are ignored ("gyor" finds Győr)',
  })
  @IsOptional()
  @IsString({ message: i18nValidationMessage('validation.isString') })
  @MaxLength(MAX_SEARCH_LENGTH, { message: i18nValidationMessage('validation.maxLength') })
  q?: string;

  @ApiProperty({ required: false, enum: COUNTIES })
  @IsOptional()
  @IsIn(COUNTIES, { message: i18nValidationMessage('validation.isIn') })
  county?: County;

  @ApiProperty({ required: false, enum: LEGAL_STATUSES })
  @IsOptional()
  @IsIn(LEGAL_STATUSES, { message: i18nValidationMessage('validation.isIn') })
  legalStatus?: LegalStatus;
}
