import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { CALL_STATUSES, CallStatus, QUESTION_KINDS, QuestionKind } from '@portal/calls';
import { PageQueryDto } from '@portal/core';
import { BudapestInstant, CalendarDate } from '../http/budapest-instant';

const INSTANT_DOC =
  'ISO 8601 with an offset or Z ("2026-03-31T23:59:00+02:00"), or a Budapest wall time without offset ' +
  '("2026-03-31T23:59"). A wall time that does not exist (spring-forward gap) is refused; one that occurs ' +
  'twice (autumn) is the earlier instant.';

/** Present (not undefined) in a PATCH: then it must be valid; null is refused for non-nullable fields. */
const Present = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);

const TITLE_MAX = 300;
const TEXT_MAX = 20000;

export class CallQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CALL_STATUSES })
  @IsOptional()
  @IsIn(CALL_STATUSES, { message: msg('validation.isIn') })
  status?: CallStatus;
}

export class CreateCallDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2999, example: 2027 })
  @IsInt({ message: msg('validation.isInt') })
  @Min(2000, { message: msg('validation.min') })
  @Max(2999, { message: msg('validation.max') })
  year: number;

  @ApiProperty({ maxLength: TITLE_MAX, example: 'Legjobb Önkormányzati Gyakorlatok 2027' })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleHu: string;

  @ApiProperty({ maxLength: TITLE_MAX, example: 'Best Practices of Local Governments 2027' })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleEn: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  descriptionHu?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  descriptionEn?: string;

  @ApiProperty({ type: String, description: INSTANT_DOC, example: '2027-02-01T09:00' })
  @BudapestInstant()
  submissionOpensAt: Date;

  @ApiProperty({
    type: String,
    description: `${INSTANT_DOC} Exclusive: a submission received at exactly this instant is late.`,
    example: '2027-03-31T23:59',
  })
  @BudapestInstant()
  submissionClosesAt: Date;

  @ApiProperty({ type: String, description: INSTANT_DOC, example: '2027-05-31T23:59' })
  @BudapestInstant()
  scoringClosesAt: Date;

  @ApiProperty({ type: String, description: INSTANT_DOC, example: '2027-06-15T10:00' })
  @BudapestInstant()
  resultsAt: Date;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, description: 'Null: one per theme' })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  maxApplicationsPerMunicipality?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date',
    description: 'The practice must have been running since this day at the latest',
  })
  @IsOptional()
  @CalendarDate()
  practiceStartedAfter?: string | null;
}

export class UpdateCallDto {
  @ApiProperty({ type: 'integer', description: 'The version the edit was made on (from the last answer)' })
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  version: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2999 })
  @Present()
  @IsInt({ message: msg('validation.isInt') })
  @Min(2000, { message: msg('validation.min') })
  @Max(2999, { message: msg('validation.max') })
  year?: number;

  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @Present()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleHu?: string;

  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @Present()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleEn?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Present()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  descriptionHu?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Present()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  descriptionEn?: string;

  @ApiPropertyOptional({ type: String, description: INSTANT_DOC })
  @Present()
  @BudapestInstant()
  submissionOpensAt?: Date;

  @ApiPropertyOptional({ type: String, description: INSTANT_DOC })
  @Present()
  @BudapestInstant()
  submissionClosesAt?: Date;

  @ApiPropertyOptional({ type: String, description: INSTANT_DOC })
  @Present()
  @BudapestInstant()
  scoringClosesAt?: Date;

  @ApiPropertyOptional({ type: String, description: INSTANT_DOC })
  @Present()
  @BudapestInstant()
  resultsAt?: Date;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1 })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  maxApplicationsPerMunicipality?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @CalendarDate()
  practiceStartedAfter?: string | null;
}

export class CopyCallDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2999 })
  @IsInt({ message: msg('validation.isInt') })
  @Min(2000, { message: msg('validation.min') })
  @Max(2999, { message: msg('validation.max') })
  year: number;

  @ApiPropertyOptional({ maxLength: TITLE_MAX, description: "Default: the source's title with the new year" })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleHu?: string;

  @ApiPropertyOptional({ maxLength: TITLE_MAX, description: "Default: the source's title with the new year" })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleEn?: string;

  @ApiProperty({ type: String, description: INSTANT_DOC })
  @BudapestInstant()
  submissionOpensAt: Date;

  @ApiProperty({ type: String, description: INSTANT_DOC })
  @BudapestInstant()
  submissionClosesAt: Date;

  @ApiProperty({ type: String, description: INSTANT_DOC })
  @BudapestInstant()
  scoringClosesAt: Date;

  @ApiProperty({ type: String, description: INSTANT_DOC })
  @BudapestInstant()
  resultsAt: Date;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @CalendarDate()
  practiceStartedAfter?: string | null;
}

/** Announce, start scoring: the version may be named to make sure nothing changed meanwhile. */
export class CallStepDto {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  version?: number;
}

const PositionProperty = () =>
  ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Order in the call; default: after the last' });

export class CreateThemeDto {
  @PositionProperty()
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(1000, { message: msg('validation.max') })
  position?: number;

  @ApiProperty({ maxLength: TITLE_MAX })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleHu: string;

  @ApiProperty({ maxLength: TITLE_MAX })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleEn: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  descriptionHu?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  descriptionEn?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  sponsorOrganisationId?: string | null;
}

export class UpdateThemeDto {
  @PositionProperty()
  @Present()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(1000, { message: msg('validation.max') })
  position?: number;

  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @Present()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleHu?: string;

  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @Present()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  titleEn?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Present()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  descriptionHu?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Present()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  descriptionEn?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  sponsorOrganisationId?: string | null;
}

export class CreateCriterionDto {
  @PositionProperty()
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(1000, { message: msg('validation.max') })
  position?: number;

  @ApiProperty({ maxLength: TITLE_MAX, example: 'Relevancia' })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  nameHu: string;

  @ApiProperty({ maxLength: TITLE_MAX, example: 'Relevance' })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  nameEn: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  guidanceHu?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  guidanceEn?: string;

  @ApiProperty({ minimum: 0.01, maximum: 9999.99, example: 1.5, description: 'At most 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: msg('validation.isNumber') })
  @Min(0.01, { message: msg('validation.min') })
  @Max(9999.99, { message: msg('validation.max') })
  weight: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 10 })
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  maxPoints: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true, description: '1 decides a tie first' })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  tieBreakOrder?: number | null;
}

export class UpdateCriterionDto {
  @PositionProperty()
  @Present()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(1000, { message: msg('validation.max') })
  position?: number;

  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @Present()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  nameHu?: string;

  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @Present()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  nameEn?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Present()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  guidanceHu?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Present()
  @IsString()
  @MaxLength(TEXT_MAX, { message: msg('validation.maxLength') })
  guidanceEn?: string;

  @ApiPropertyOptional({ minimum: 0.01, maximum: 9999.99 })
  @Present()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: msg('validation.isNumber') })
  @Min(0.01, { message: msg('validation.min') })
  @Max(9999.99, { message: msg('validation.max') })
  weight?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100 })
  @Present()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  maxPoints?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  tieBreakOrder?: number | null;
}

export class ChoiceDto {
  @ApiProperty({ maxLength: 100, example: 'newsletter' })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(100, { message: msg('validation.maxLength') })
  value: string;

  @ApiProperty({ maxLength: TITLE_MAX, example: 'Hírlevélből' })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  hu: string;

  @ApiProperty({ maxLength: TITLE_MAX, example: 'From the newsletter' })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(TITLE_MAX, { message: msg('validation.maxLength') })
  en: string;
}

export class CreateQuestionDto {
  @PositionProperty()
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(1000, { message: msg('validation.max') })
  position?: number;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(500, { message: msg('validation.maxLength') })
  labelHu: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(500, { message: msg('validation.maxLength') })
  labelEn: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: msg('validation.maxLength') })
  helpHu?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: msg('validation.maxLength') })
  helpEn?: string | null;

  @ApiProperty({ enum: QUESTION_KINDS })
  @IsIn(QUESTION_KINDS, { message: msg('validation.isIn') })
  kind: QuestionKind;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [ChoiceDto], nullable: true, description: 'Required for single_choice, else absent' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50, { message: msg('validation.arrayMaxSize') })
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
  choices?: ChoiceDto[] | null;
}

export class UpdateQuestionDto {
  @PositionProperty()
  @Present()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(1000, { message: msg('validation.max') })
  position?: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @Present()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(500, { message: msg('validation.maxLength') })
  labelHu?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @Present()
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(500, { message: msg('validation.maxLength') })
  labelEn?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: msg('validation.maxLength') })
  helpHu?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: msg('validation.maxLength') })
  helpEn?: string | null;

  @ApiPropertyOptional({ enum: QUESTION_KINDS })
  @Present()
  @IsIn(QUESTION_KINDS, { message: msg('validation.isIn') })
  kind?: QuestionKind;

  @ApiPropertyOptional()
  @Present()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [ChoiceDto], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50, { message: msg('validation.arrayMaxSize') })
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
  choices?: ChoiceDto[] | null;
}
