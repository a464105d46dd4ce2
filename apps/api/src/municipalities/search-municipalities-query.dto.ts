import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Lang, LANGS, PageQueryDto } from '@portal/core';
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
  @IsString()
  @MaxLength(MAX_SEARCH_LENGTH)
  q?: string;

  @ApiProperty({ required: false, enum: COUNTIES })
  @IsOptional()
  @IsIn(COUNTIES)
  county?: County;

  @ApiProperty({ required: false, enum: LEGAL_STATUSES })
  @IsOptional()
  @IsIn(LEGAL_STATUSES)
  legalStatus?: LegalStatus;

  /** Read by the request-context middleware; declared so that the whitelist does not refuse it. */
  @ApiProperty({
    required: false,
    enum: LANGS,
    description: 'Language of error messages (default: Accept-Language, then hu)',
  })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}
