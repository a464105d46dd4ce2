import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { CALL_STATUSES, CallStatus, QUESTION_KINDS, QuestionKind } from '@portal/calls';
import { PageQueryDto } from '@portal/core';
import { CalendarDate } from '../http/budapest-instant';
import {
  INSTANT_DOC,
  InstantField,
  IntField,
  NameField,
  PositionField,
  Present,
  TEXT_MAX,
  TextField,
  TITLE_MAX,
  WeightField,
  YearField,
} from './call-fields';

export class CallQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CALL_STATUSES })
  @IsOptional()
  @IsIn(CALL_STATUSES, { message: msg('validation.isIn') })
  status?: CallStatus;
}

export class CreateCallDto {
  @YearField('required', { example: 2027 })
  year: number;

  @NameField(TITLE_MAX, 'required', { example: 'Legjobb Önkormányzati Gyakorlatok 2027' })
  titleHu: string;

  @NameField(TITLE_MAX, 'required', { example: 'Best Practices of Local Governments 2027' })
  titleEn: string;

  @TextField(TEXT_MAX, 'optional')
  descriptionHu?: string;

  @TextField(TEXT_MAX, 'optional')
  descriptionEn?: string;

  @InstantField('required', { example: '2027-02-01T09:00' })
  submissionOpensAt: Date;

  @InstantField('required', {
    description: `${INSTANT_DOC} Exclusive: a submission received at exactly this instant is late.`,
    example: '2027-03-31T23:59',
  })
  submissionClosesAt: Date;

  @InstantField('required', { example: '2027-05-31T23:59' })
  scoringClosesAt: Date;

  @InstantField('required', { example: '2027-06-15T10:00' })
  resultsAt: Date;

  @IntField(
    'optional',
    { min: 1, max: 100 },
    { type: 'integer', nullable: true, minimum: 1, description: 'Null: one per theme' },
  )
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
  @IntField(
    'required',
    { min: 1 },
    { type: 'integer', description: 'The version the edit was made on (from the last answer)' },
  )
  version: number;

  @YearField('patch')
  year?: number;

  @NameField(TITLE_MAX, 'patch')
  titleHu?: string;

  @NameField(TITLE_MAX, 'patch')
  titleEn?: string;

  @TextField(TEXT_MAX, 'patch')
  descriptionHu?: string;

  @TextField(TEXT_MAX, 'patch')
  descriptionEn?: string;

  @InstantField('patch')
  submissionOpensAt?: Date;

  @InstantField('patch')
  submissionClosesAt?: Date;

  @InstantField('patch')
  scoringClosesAt?: Date;

  @InstantField('patch')
  resultsAt?: Date;

  @IntField('optional', { min: 1, max: 100 }, { type: 'integer', nullable: true, minimum: 1 })
  maxApplicationsPerMunicipality?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @CalendarDate()
  practiceStartedAfter?: string | null;
}

export class CopyCallDto {
  @YearField('required')
  year: number;

  @NameField(TITLE_MAX, 'optional', { description: "Default: the source's title with the new year" })
  titleHu?: string;

  @NameField(TITLE_MAX, 'optional', { description: "Default: the source's title with the new year" })
  titleEn?: string;

  @InstantField('required')
  submissionOpensAt: Date;

  @InstantField('required')
  submissionClosesAt: Date;

  @InstantField('required')
  scoringClosesAt: Date;

  @InstantField('required')
  resultsAt: Date;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @CalendarDate()
  practiceStartedAfter?: string | null;
}

/** Announce, start scoring: the version may be named to make sure nothing changed meanwhile. */
export class CallStepDto {
  @IntField('optional', { min: 1 }, { type: 'integer' })
  version?: number;
}

export class CreateThemeDto {
  @PositionField('optional')
  position?: number;

  @NameField(TITLE_MAX, 'required')
  titleHu: string;

  @NameField(TITLE_MAX, 'required')
  titleEn: string;

  @TextField(TEXT_MAX, 'optional')
  descriptionHu?: string;

  @TextField(TEXT_MAX, 'optional')
  descriptionEn?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  sponsorOrganisationId?: string | null;
}

export class UpdateThemeDto {
  @PositionField('patch')
  position?: number;

  @NameField(TITLE_MAX, 'patch')
  titleHu?: string;

  @NameField(TITLE_MAX, 'patch')
  titleEn?: string;

  @TextField(TEXT_MAX, 'patch')
  descriptionHu?: string;

  @TextField(TEXT_MAX, 'patch')
  descriptionEn?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  sponsorOrganisationId?: string | null;
}

export class CreateCriterionDto {
  @PositionField('optional')
  position?: number;

  @NameField(TITLE_MAX, 'required', { example: 'Relevancia' })
  nameHu: string;

  @NameField(TITLE_MAX, 'required', { example: 'Relevance' })
  nameEn: string;

  @TextField(TEXT_MAX, 'optional')
  guidanceHu?: string;

  @TextField(TEXT_MAX, 'optional')
  guidanceEn?: string;

  @WeightField('required', { example: 1.5, description: 'At most 2 decimals' })
  weight: number;

  @IntField('required', { min: 1, max: 100 }, { type: 'integer', minimum: 1, maximum: 100, example: 10 })
  maxPoints: number;

  @IntField(
    'optional',
    { min: 1, max: 100 },
    { type: 'integer', minimum: 1, nullable: true, description: '1 decides a tie first' },
  )
  tieBreakOrder?: number | null;
}

export class UpdateCriterionDto {
  @PositionField('patch')
  position?: number;

  @NameField(TITLE_MAX, 'patch')
  nameHu?: string;

  @NameField(TITLE_MAX, 'patch')
  nameEn?: string;

  @TextField(TEXT_MAX, 'patch')
  guidanceHu?: string;

  @TextField(TEXT_MAX, 'patch')
  guidanceEn?: string;

  @WeightField('patch')
  weight?: number;

  @IntField('patch', { min: 1, max: 100 }, { type: 'integer', minimum: 1, maximum: 100 })
  maxPoints?: number;

  @IntField('optional', { min: 1, max: 100 }, { type: 'integer', minimum: 1, nullable: true })
  tieBreakOrder?: number | null;
}

export class ChoiceDto {
  @NameField(100, 'required', { example: 'newsletter' })
  value: string;

  @NameField(TITLE_MAX, 'required', { example: 'Hírlevélből' })
  hu: string;

  @NameField(TITLE_MAX, 'required', { example: 'From the newsletter' })
  en: string;
}

export class CreateQuestionDto {
  @PositionField('optional')
  position?: number;

  @NameField(500, 'required')
  labelHu: string;

  @NameField(500, 'required')
  labelEn: string;

  @TextField(2000, 'optional', { nullable: true, type: String })
  helpHu?: string | null;

  @TextField(2000, 'optional', { nullable: true, type: String })
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
  @IsObject({ each: true, message: msg('validation.isObject') })
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
  choices?: ChoiceDto[] | null;
}

export class UpdateQuestionDto {
  @PositionField('patch')
  position?: number;

  @NameField(500, 'patch')
  labelHu?: string;

  @NameField(500, 'patch')
  labelEn?: string;

  @TextField(2000, 'optional', { nullable: true, type: String })
  helpHu?: string | null;

  @TextField(2000, 'optional', { nullable: true, type: String })
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
  @IsObject({ each: true, message: msg('validation.isObject') })
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
  choices?: ChoiceDto[] | null;
}
