import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { DateTime } from 'luxon';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { parseBudapestInstant } from '@portal/core';

/** What the transform leaves for the validator when an instant could not be read. */
class UnreadableInstant {
  constructor(readonly problem: 'format' | 'nonexistent') {}
}

@ValidatorConstraint({ name: 'budapestInstant' })
class BudapestInstantConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value instanceof Date;
  }

  defaultMessage(args: ValidationArguments): string {
    const nonexistent = args.value instanceof UnreadableInstant && args.value.problem === 'nonexistent';
    return msg(nonexistent ? 'validation.budapestInstantNonexistent' : 'validation.budapestInstant')({
      ...args,
      value: undefined,
    });
  }
}

/**
 * An instant in the body: ISO 8601 with an offset or Z, or a Budapest wall time without one
 * ("2026-03-31T23:59"); see parseBudapestInstant. After validation the property holds a Date.
 * A wall time in the spring-forward gap is refused naming the field; an ambiguous autumn
 * time is the earlier instant.
 */
export function BudapestInstant(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      if (value === undefined) return undefined;
      const parsed = parseBudapestInstant(value);
      return parsed.ok ? parsed.instant : new UnreadableInstant(parsed.problem);
    }),
    Validate(BudapestInstantConstraint),
  );
}

@ValidatorConstraint({ name: 'isoDate' })
class CalendarDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
  }

  defaultMessage(args: ValidationArguments): string {
    return msg('validation.isoDate')({ ...args, value: undefined });
  }
}

/** A calendar day, "YYYY-MM-DD" (no time, no zone). */
export function CalendarDate(): PropertyDecorator {
  return Validate(CalendarDateConstraint);
}
