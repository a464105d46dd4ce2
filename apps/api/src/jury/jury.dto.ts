import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { PageQueryDto } from '@portal/core';
import { ASSIGNMENT_STATUSES, type AssignmentStatus, PREFERENCES, type Preference } from '@portal/jury';
import { Present } from '../calls/call-fields';
import { BudapestInstant } from '../http/budapest-instant';
import { IsDecimal } from '../http/is-decimal';

const NOTE_MAX = 5000;

/** A uuid, in any case (stored and compared lower-case). */
function Uuid(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    IsUUID('all', { message: msg('validation.isUuid') }),
  );
}

/** A list of uuids, in any case (stored and compared lower-case). */
function UuidList(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v)) : value,
    ),
    IsUUID('all', { each: true, message: msg('validation.isUuid') }),
  );
}

/** Text that says something: not empty, not only spaces. */
function Said(max: number): PropertyDecorator {
  return applyDecorators(
    IsString({ message: msg('validation.isString') }),
    Matches(/\S/, { message: msg('validation.isNotEmpty') }),
    MaxLength(max, { message: msg('validation.maxLength') }),
  );
}

export class JurySettingsDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 20,
    default: 3,
    description: 'Jurors per application (k).',
  })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(20, { message: msg('validation.max') })
  jurorsPerApplication?: number;

  @ApiPropertyOptional({
    enum: [1, 0.5],
    description: '1: whole points; 0.5: half points too. Fixed once a score is saved.',
  })
  @IsOptional()
  @IsIn([1, 0.5], { message: msg('validation.isIn') })
  scoreStep?: number;

  @ApiPropertyOptional({
    enum: ['mean', 'median', 'trimmed_mean', 'normalised'],
    description: "How an application's score comes from its jurors' totals; fixed once scoring starts.",
  })
  @IsOptional()
  @IsIn(['mean', 'median', 'trimmed_mean', 'normalised'], { message: msg('validation.isIn') })
  scoringMethod?: 'mean' | 'median' | 'trimmed_mean' | 'normalised';

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 100,
    description: 'Least score for an award; null: none.',
  })
  @IsOptional()
  @ValidateIf((_: unknown, value: unknown) => value !== null)
  @IsDecimal(2, { message: msg('validation.isNumber') })
  @Min(0, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  minAwardScore?: number | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    default: 15,
    description: 'SD of totals above which an application is flagged.',
  })
  @IsOptional()
  @IsDecimal(2, { message: msg('validation.isNumber') })
  @Min(0, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  disagreementThreshold?: number;
}

export class AddJuryMemberDto {
  @ApiProperty({ format: 'uuid', description: 'A user with the juror role and an organisation.' })
  @Uuid()
  userId: string;

  @ApiPropertyOptional({ type: [String], description: 'Themes the juror scores; empty or omitted: all.' })
  @IsOptional()
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMaxSize(20, { message: msg('validation.arrayMaxSize') })
  @UuidList()
  themeIds?: string[];
}

export class UpdateJuryMemberDto {
  @ApiProperty({ type: [String], description: 'Themes the juror scores; empty: all.' })
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMaxSize(20, { message: msg('validation.arrayMaxSize') })
  @UuidList()
  themeIds: string[];
}

export class DeclarationDto {
  @ApiProperty({ enum: [true], description: 'The juror accepts confidentiality and the conflict-of-interest rules.' })
  @IsIn([true], { message: msg('validation.mustAccept') })
  accept: boolean;
}

export class DeclareConflictDto {
  @ApiProperty({ format: 'uuid' })
  @Uuid()
  applicationId: string;

  @ApiProperty({ maxLength: 2000, example: 'A település polgármestere a testvérem.' })
  @Said(2000)
  reason: string;
}

export class SetConflictDto extends DeclareConflictDto {
  @ApiProperty({ format: 'uuid' })
  @Uuid()
  juryMemberId: string;
}

export class ConflictQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Uuid()
  juryMemberId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Uuid()
  applicationId?: string;
}

export class PreferenceDto {
  @ApiProperty({ enum: PREFERENCES })
  @IsIn(PREFERENCES, { message: msg('validation.isIn') })
  preference: Preference;
}

export class RoundCriterionDto {
  @ApiProperty({ maxLength: 300 })
  @IsString({ message: msg('validation.isString') })
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(300, { message: msg('validation.maxLength') })
  nameHu: string;

  @ApiProperty({ maxLength: 300 })
  @IsString({ message: msg('validation.isString') })
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(300, { message: msg('validation.maxLength') })
  nameEn: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(4000, { message: msg('validation.maxLength') })
  guidanceHu?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(4000, { message: msg('validation.maxLength') })
  guidanceEn?: string;

  @ApiProperty({ minimum: 0.01, maximum: 100, example: 1 })
  @IsDecimal(2, { message: msg('validation.isNumber') })
  @Min(0.01, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  weight: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 10 })
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  maxPoints: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1 })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(30, { message: msg('validation.max') })
  tieBreakOrder?: number | null;
}

export class ShortlistDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The n best of each theme (ties at the cut go through).',
  })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(1000, { message: msg('validation.max') })
  topPerTheme?: number;

  @ApiPropertyOptional({ type: [String], description: 'Or the applications chosen by hand.' })
  @IsOptional()
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMinSize(1, { message: msg('validation.arrayMinSize') })
  @ArrayMaxSize(2000, { message: msg('validation.arrayMaxSize') })
  @UuidList()
  applicationIds?: string[];
}

export class CreateRoundDto {
  @ApiPropertyOptional({ maxLength: 200, example: '2. forduló – helyszíni látogatás' })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(200, { message: msg('validation.maxLength') })
  nameHu?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Round 2 – site visits' })
  @IsOptional()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(200, { message: msg('validation.maxLength') })
  nameEn?: string;

  @ApiPropertyOptional({ type: String, description: 'Opening instant (Budapest wall time or ISO 8601); default: now.' })
  @IsOptional()
  @BudapestInstant()
  opensAt?: Date;

  @ApiProperty({ type: String, example: '2026-06-30T23:59', description: 'Closing instant (exclusive).' })
  @BudapestInstant()
  closesAt: Date;

  @ApiPropertyOptional({
    type: [String],
    description: "The round's own jury (jury member ids); omitted: the whole jury.",
  })
  @IsOptional()
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMinSize(1, { message: msg('validation.arrayMinSize') })
  @ArrayMaxSize(200, { message: msg('validation.arrayMaxSize') })
  @UuidList()
  juryMemberIds?: string[];

  @ApiPropertyOptional({ type: [RoundCriterionDto], description: "The round's own criteria; omitted: inherited." })
  @IsOptional()
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMaxSize(30, { message: msg('validation.arrayMaxSize') })
  @IsObject({ each: true, message: msg('validation.isObject') })
  @ValidateNested({ each: true })
  @Type(() => RoundCriterionDto)
  criteria?: RoundCriterionDto[];

  @ApiPropertyOptional({ type: ShortlistDto, description: 'Required from round 2 on.' })
  @IsOptional()
  @IsObject({ message: msg('validation.isObject') })
  @ValidateNested()
  @Type(() => ShortlistDto)
  shortlist?: ShortlistDto;
}

export class UpdateRoundDto {
  @ApiPropertyOptional({ type: 'integer', description: 'The version the change was made on.' })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  version?: number;

  // left out: unchanged; null is refused (IsOptional would let it through to a NOT NULL column)
  @ApiPropertyOptional({ maxLength: 200 })
  @Present()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(200, { message: msg('validation.maxLength') })
  nameHu?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @Present()
  @IsString({ message: msg('validation.isString') })
  @MaxLength(200, { message: msg('validation.maxLength') })
  nameEn?: string;

  @ApiPropertyOptional({ type: String })
  @Present()
  @BudapestInstant()
  opensAt?: Date;

  @ApiPropertyOptional({ type: String })
  @Present()
  @BudapestInstant()
  closesAt?: Date;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'null: the whole jury.' })
  @IsOptional()
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMinSize(1, { message: msg('validation.arrayMinSize') })
  @UuidList()
  juryMemberIds?: string[] | null;
}

export class VersionDto {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  version?: number;
}

export class AssignDto {
  @ApiProperty({ format: 'uuid' })
  @Uuid()
  applicationId: string;

  @ApiProperty({ format: 'uuid' })
  @Uuid()
  juryMemberId: string;
}

export class AssignmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Uuid()
  applicationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Uuid()
  juryMemberId?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATUSES, { message: msg('validation.isIn') })
  status?: AssignmentStatus;
}

export class MyAssignmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Uuid()
  callId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Uuid()
  roundId?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATUSES, { message: msg('validation.isIn') })
  status?: AssignmentStatus;
}

export class ScoreDto {
  @ApiProperty({ format: 'uuid', description: 'A criterion of the round.' })
  @Uuid()
  criterionId: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    description: "0 … the criterion's maximum, in the call's step; null clears it.",
  })
  @IsOptional()
  @ValidateIf((_: unknown, value: unknown) => value !== null)
  @IsDecimal(1, { message: msg('validation.isNumber') })
  @Min(0, { message: msg('validation.min') })
  @Max(100, { message: msg('validation.max') })
  points?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'Abstaining, with the reason.' })
  @IsOptional()
  @ValidateIf((_: unknown, value: unknown) => value !== null)
  @Said(2000)
  abstainReason?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: NOTE_MAX })
  @IsOptional()
  @ValidateIf((_: unknown, value: unknown) => value !== null)
  @IsString({ message: msg('validation.isString') })
  @MaxLength(NOTE_MAX, { message: msg('validation.maxLength') })
  note?: string | null;
}

export class ScorecardDto {
  @ApiPropertyOptional({ type: 'integer', description: 'The version the change was made on (409 when stale).' })
  @IsOptional()
  @IsInt({ message: msg('validation.isInt') })
  version?: number;

  @ApiPropertyOptional({ type: [ScoreDto] })
  @IsOptional()
  @IsArray({ message: msg('validation.isArray') })
  @ArrayMaxSize(30, { message: msg('validation.arrayMaxSize') })
  @IsObject({ each: true, message: msg('validation.isObject') })
  @ValidateNested({ each: true })
  @Type(() => ScoreDto)
  scores?: ScoreDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: NOTE_MAX,
    description: 'To the other jurors, after the close.',
  })
  @IsOptional()
  @ValidateIf((_: unknown, value: unknown) => value !== null)
  @IsString({ message: msg('validation.isString') })
  @MaxLength(NOTE_MAX, { message: msg('validation.maxLength') })
  privateNote?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: NOTE_MAX,
    description: 'To the applicant, released with the results.',
  })
  @IsOptional()
  @ValidateIf((_: unknown, value: unknown) => value !== null)
  @IsString({ message: msg('validation.isString') })
  @MaxLength(NOTE_MAX, { message: msg('validation.maxLength') })
  feedback?: string | null;

  @ApiPropertyOptional({ description: 'Submit (every criterion scored or abstained).' })
  @IsOptional()
  @IsBoolean({ message: msg('validation.isBoolean') })
  submit?: boolean;
}

export class SensitivityQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 20, default: 1, description: 'Winners per theme.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: msg('validation.isInt') })
  @Min(1, { message: msg('validation.min') })
  @Max(20, { message: msg('validation.max') })
  top: number = 1;
}

export class RankingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this theme.' })
  @IsOptional()
  @Uuid()
  themeId?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only the applications flagged for discussion; false: only the others.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: msg('validation.isBoolean') })
  flagged?: boolean;
}
