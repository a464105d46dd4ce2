import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { BudapestInstant } from '../http/budapest-instant';
import { IsDecimal } from '../http/is-decimal';

export const TITLE_MAX = 300;
export const TEXT_MAX = 20000;

export const INSTANT_DOC =
  'ISO 8601 with an offset or Z ("2026-03-31T23:59:00+02:00"), or a Budapest wall time without offset ' +
  '("2026-03-31T23:59"). A wall time that does not exist (spring-forward gap) is refused; one that occurs ' +
  'twice (autumn) is the earlier instant.';

/** Present (not undefined) in a PATCH: then it must be valid; null is refused for non-nullable fields. */
export const Present = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);

/**
 * Whether a field may be left out: `required`; `optional` (undefined or null skips the checks);
 * `patch` (undefined skips them, null is checked like any value, see Present).
 */
export type Presence = 'required' | 'optional' | 'patch';

/**
 * The decorators as if written stacked in this order. applyDecorators applies them first to
 * last, stacked ones apply bottom-up; the order of the constraints decides which message the
 * validation pipe shows (see firstProblem), so it must stay the one of a written stack.
 */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...decorators.reverse());
}

/** The OpenAPI property and the presence check for a field. */
function field(presence: Presence, api: ApiPropertyOptions): PropertyDecorator[] {
  if (presence === 'required') return [ApiProperty(api)];
  return [ApiPropertyOptional(api), presence === 'optional' ? IsOptional() : Present()];
}

/** A non-empty string of at most `max` characters (title, name, label). */
export function NameField(max: number, presence: Presence, api: ApiPropertyOptions = {}): PropertyDecorator {
  return stacked(
    ...field(presence, { maxLength: max, ...api }),
    IsString(),
    IsNotEmpty({ message: msg('validation.isNotEmpty') }),
    MaxLength(max, { message: msg('validation.maxLength') }),
  );
}

/** A string of at most `max` characters, possibly empty (description, guidance, help). */
export function TextField(max: number, presence: Presence, api: ApiPropertyOptions = {}): PropertyDecorator {
  return stacked(
    ...field(presence, { maxLength: max, ...api }),
    IsString(),
    MaxLength(max, { message: msg('validation.maxLength') }),
  );
}

/** An integer from `min` (to `max` if given); `api` is the whole OpenAPI property. */
export function IntField(
  presence: Presence,
  range: { min: number; max?: number },
  api: ApiPropertyOptions,
): PropertyDecorator {
  return stacked(
    ...field(presence, api),
    IsInt({ message: msg('validation.isInt') }),
    Min(range.min, { message: msg('validation.min') }),
    ...(range.max === undefined ? [] : [Max(range.max, { message: msg('validation.max') })]),
  );
}

/** The year of a call: 2000 to 2999. */
export function YearField(presence: Presence, api: ApiPropertyOptions = {}): PropertyDecorator {
  return IntField(presence, { min: 2000, max: 2999 }, { type: 'integer', minimum: 2000, maximum: 2999, ...api });
}

/** The place of a theme, criterion or question in its call: 1 to 1000; never required. */
export function PositionField(presence: Exclude<Presence, 'required'>): PropertyDecorator {
  return IntField(
    presence,
    { min: 1, max: 1000 },
    { type: 'integer', minimum: 1, description: 'Order in the call; default: after the last' },
  );
}

/** The weight of a criterion: 0.01 to 9999.99, at most 2 decimals. */
export function WeightField(presence: Presence, api: ApiPropertyOptions = {}): PropertyDecorator {
  return stacked(
    ...field(presence, { minimum: 0.01, maximum: 9999.99, ...api }),
    IsDecimal(2, { message: msg('validation.isNumber') }),
    Min(0.01, { message: msg('validation.min') }),
    Max(9999.99, { message: msg('validation.max') }),
  );
}

/** An instant (see BudapestInstant); `api` adds to or replaces the OpenAPI property's fields. */
export function InstantField(presence: Presence, api: ApiPropertyOptions = {}): PropertyDecorator {
  return stacked(...field(presence, { type: String, description: INSTANT_DOC, ...api }), BudapestInstant());
}
