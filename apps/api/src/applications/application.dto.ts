import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsNotEmpty,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import {
  APPLICATION_STATUSES,
  type AnswerValue,
  type ApplicationStatus,
  FORMAL_CHECK_RESULTS,
  type FormalCheckFilter,
  type FormalCheckResult,
  SUMMARY_MAX_LENGTH,
  TEXT_MAX_LENGTH,
  TITLE_MAX_LENGTH,
} from '@portal/applications';
import { PageQueryDto } from '@portal/core';
import { COUNTIES, type County, LEGAL_STATUSES, type LegalStatus } from '@portal/municipalities';
import { BudapestInstant, CalendarDate } from '../http/budapest-instant';

const REASON_MAX = 2000;

const INSTANT_DOC =
  'ISO 8601 with an offset or Z ("2026-04-10T12:00:00+02:00"), or a Budapest wall time without offset ' +
  '("2026-04-10T12:00"), read as the calls API reads its phases.';

const NULL_CLEARS = 'null clears the field; a field left out stays as it is.';

/** A text field of the form: optional (null clears it), at most `max` characters. */
function FormText(max: number, description: string): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    ApiPropertyOptional({ type: String, nullable: true, maxLength: max, description: `${description} ${NULL_CLEARS}` })(
      target,
      key,
    );
    IsOptional()(target, key);
    IsString()(target, key);
    MaxLength(max, { message: msg('validation.maxLength') })(target, key);
  };
}

export class ContactDto {
  @FormText(200, 'Contact person.')
  name?: string | null;

  @FormText(200, 'Their position (e.g. jegyző, polgármester).')
  position?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254 })
  @IsOptional()
  @IsString()
  @ValidateIf((_: unknown, value: unknown) => value !== '')
  @IsEmail({}, { message: msg('validation.isEmail') })
  @MaxLength(254, { message: msg('validation.maxLength') })
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40, example: '+36 1 234 5678' })
  @IsOptional()
  @IsString()
  @ValidateIf((_: unknown, value: unknown) => value !== '')
  @Matches(/^[0-9+()/\-\s]{6,40}$/, { message: msg('validation.phone') })
  phone?: string | null;
}

/** The application form; in a draft every field is optional. */
export class ApplicationContentDto {
  @FormText(TITLE_MAX_LENGTH, 'Title of the practice.')
  title?: string | null;

  @FormText(SUMMARY_MAX_LENGTH, 'Summary, at most 1,000 characters.')
  summary?: string | null;

  @FormText(TEXT_MAX_LENGTH, 'The problem the practice answers.')
  problem?: string | null;

  @FormText(TEXT_MAX_LENGTH, 'The practice itself.')
  practice?: string | null;

  @FormText(TEXT_MAX_LENGTH, 'Results and impact, with figures.')
  results?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: `Total cost in HUF. ${NULL_CLEARS}`,
  })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(0, { message: msg('validation.min') })
  @Max(Number.MAX_SAFE_INTEGER, { message: msg('validation.max') })
  costHuf?: number | null;

  @FormText(TEXT_MAX_LENGTH, 'Funding: where the money came from (optional for submission).')
  funding?: string | null;

  @FormText(TEXT_MAX_LENGTH, 'Partners (optional for submission).')
  partners?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: 20,
    example: ['TÖOSZ'],
    description: `Codes of steering-committee organisations that are partners in the practice (GET /api/organisations); their jurors are in conflict of interest. ${NULL_CLEARS}`,
  })
  @IsOptional()
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMaxSize(20, { message: msg('validation.arrayMaxSize') })
  @ArrayUnique(undefined, { message: msg('validation.arrayUnique') })
  @IsString({ each: true, message: msg('validation.isString') })
  @MaxLength(40, { each: true, message: msg('validation.maxLength') })
  partnerOrganisations?: string[] | null;

  @FormText(TEXT_MAX_LENGTH, 'Community participation.')
  communityParticipation?: string | null;

  @FormText(TEXT_MAX_LENGTH, 'Sustainability.')
  sustainability?: string | null;

  @FormText(TEXT_MAX_LENGTH, 'What another municipality needs to adopt it.')
  adoption?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2019-09-01', description: 'Start of the practice.' })
  @IsOptional()
  @CalendarDate()
  startDate?: string | null;

  @ApiPropertyOptional({ type: ContactDto, nullable: true })
  @IsOptional()
  @IsObject({ message: msg('validation.isObject') })
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    nullable: true,
    description:
      "Answers to the call's extra questions by question id: text, a number, a date (YYYY-MM-DD) or a choice's value; null clears one.",
  })
  @IsOptional()
  @IsObject({ message: msg('validation.isObject') })
  answers?: Record<string, AnswerValue | null> | null;
}

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: msg('validation.isUuid') })
  themeId: string;

  @ApiProperty({ example: '17385' })
  @IsString()
  @Matches(/^\d{5}$/, { message: msg('validation.kshCode') })
  municipalityKsh: string;
}

export class UpdateApplicationDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The version the change was made on.' })
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  version: number;

  @ApiProperty({ type: ApplicationContentDto })
  @ValidateNested()
  @Type(() => ApplicationContentDto)
  @IsObject({ message: msg('validation.isObject') })
  content: ApplicationContentDto;
}

export class SubmitApplicationDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The version the submitter saw; a submit on an older version is refused (409).',
  })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  version?: number;
}

export class ApplicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  callId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: msg('validation.isUuid') })
  themeId?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: msg('validation.isIn') })
  status?: ApplicationStatus;

  @ApiPropertyOptional({ example: '17385' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: msg('validation.kshCode') })
  municipalityKsh?: string;

  @ApiPropertyOptional({ enum: COUNTIES, description: 'County of the municipality.' })
  @IsOptional()
  @IsIn(COUNTIES, { message: msg('validation.isIn') })
  county?: County;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Population of the municipality, at least.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: msg('validation.isInt') })
  @Min(0, { message: msg('validation.min') })
  sizeMin?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Population of the municipality, at most.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: msg('validation.isInt') })
  @Min(0, { message: msg('validation.min') })
  sizeMax?: number;

  @ApiPropertyOptional({ enum: LEGAL_STATUSES, description: 'Legal status of the municipality (község, város, …).' })
  @IsOptional()
  @IsIn(LEGAL_STATUSES, { message: msg('validation.isIn') })
  legalStatus?: LegalStatus;

  @ApiPropertyOptional({
    enum: [...FORMAL_CHECK_RESULTS, 'pending'],
    description: 'pending: submitted and not formally checked yet.',
  })
  @IsOptional()
  @IsIn([...FORMAL_CHECK_RESULTS, 'pending'], { message: msg('validation.isIn') })
  formalCheck?: FormalCheckFilter;
}

export class ReopenApplicationDto {
  @ApiProperty({ maxLength: REASON_MAX, description: 'Why it is reopened: e-mailed to the municipality’s staff.' })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(REASON_MAX, { message: msg('validation.maxLength') })
  reason: string;

  @ApiPropertyOptional({
    type: String,
    example: '2026-04-10T12:00',
    description:
      'Deadline of the resubmission for this application (exclusive). Without it the municipality’s deadline ' +
      `applies; required once that has passed. ${INSTANT_DOC}`,
  })
  @IsOptional()
  @BudapestInstant()
  closesAt?: Date;
}

export class FormalCheckDto {
  @ApiProperty({ enum: FORMAL_CHECK_RESULTS })
  @IsIn(FORMAL_CHECK_RESULTS, { message: msg('validation.isIn') })
  result: FormalCheckResult;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: REASON_MAX,
    description: 'Required when ineligible (e-mailed to the municipality’s staff); an optional note when eligible.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX, { message: msg('validation.maxLength') })
  reason?: string | null;
}
