import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';

export class AwardLevelDto {
  @ApiProperty({ example: 'special_prize', pattern: '^[a-z][a-z0-9_]{0,39}$' })
  @IsString({ message: msg('validation.isString') })
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: msg('validation.levelCode') })
  code: string;

  @ApiProperty({ example: 'Különdíj', maxLength: 100 })
  @IsString({ message: msg('validation.isString') })
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(100, { message: msg('validation.maxLength') })
  nameHu: string;

  @ApiProperty({ example: 'Special prize', maxLength: 100 })
  @IsString({ message: msg('validation.isString') })
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(100, { message: msg('validation.maxLength') })
  nameEn: string;
}

export class AwardLevelsDto {
  @ApiProperty({ type: [AwardLevelDto], description: 'In order: the highest level first.' })
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMinSize(1, { message: msg('validation.arrayMinSize') })
  @ArrayMaxSize(10, { message: msg('validation.arrayMaxSize') })
  @IsObject({ each: true, message: msg('validation.isObject') })
  @ValidateNested({ each: true })
  @Type(() => AwardLevelDto)
  levels: AwardLevelDto[];
}

export class AwardDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: msg('validation.isUuid') })
  applicationId: string;

  @ApiProperty({ example: 'winner' })
  @IsString({ message: msg('validation.isString') })
  @MaxLength(40, { message: msg('validation.maxLength') })
  level: string;
}

export class ThemeAwardsDto {
  @ApiProperty({
    type: [AwardDto],
    description: 'The awards in order, best placed first; empty: no award in the theme.',
  })
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMaxSize(50, { message: msg('validation.arrayMaxSize') })
  @IsObject({ each: true, message: msg('validation.isObject') })
  @ValidateNested({ each: true })
  @Type(() => AwardDto)
  awards: AwardDto[];

  @ApiPropertyOptional({ maxLength: 5000, description: 'Required when the awards depart from the ranking.' })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(5000, { message: msg('validation.maxLength') })
  justification?: string;

  @ApiPropertyOptional({ type: [String], description: 'The committee’s order for ties the chain could not break.' })
  @IsOptional()
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMaxSize(200, { message: msg('validation.arrayMaxSize') })
  @IsUUID('all', { each: true, message: msg('validation.isUuid') })
  committeeOrder?: string[];

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required to change a decided theme: what is corrected and why.',
  })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(2000, { message: msg('validation.maxLength') })
  correction?: string;
}

export class PublicationRequestDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Required for a correction (version 2 on).' })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(2000, { message: msg('validation.maxLength') })
  reason?: string;
}

export class PublicResultsQueryDto {
  @ApiProperty({ type: 'integer', example: 2020 })
  @Type(() => Number)
  @IsInt({ message: msg('validation.isInt') })
  @Min(2000, { message: msg('validation.min') })
  @Max(2999, { message: msg('validation.max') })
  year: number;
}

export class RankingCsvQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The round; default: the last one.' })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  roundId?: string;
}
