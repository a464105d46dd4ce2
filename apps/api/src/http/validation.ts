import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode, FieldProblems } from '@portal/core';

/** Constraints that say what kind of value is wanted: shown before any limit on it. */
const KIND_CHECKS = new Set([
  'whitelistValidation',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isEmail',
  'isUuid',
  'isIn',
  'isEnum',
  'isDateString',
  'isISO8601',
]);

/**
 * The one problem to show for a field: a wrong kind of value before a limit ("must be text"
 * rather than "at most 200 characters" for an array); otherwise the decorator written first
 * (class-validator lists constraints bottom-up).
 */
function firstProblem(constraints: Record<string, string>): [string, string] | undefined {
  const entries = Object.entries(constraints);
  return entries.find(([name]) => KIND_CHECKS.has(name)) ?? entries.at(-1);
}

/** Flattens nested class-validator errors into `field.path` → the i18n key of its first problem. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblems {
  const fields: FieldProblems = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const [constraint, message] = firstProblem(error.constraints ?? {}) ?? [];
    if (constraint) {
      // messages written with i18nValidationMessage('validation.x', args) carry "key|{json}"
      const bar = message?.indexOf('|') ?? -1;
      if (message && bar > 0 && message.startsWith('validation.')) {
        const args = JSON.parse(message.slice(bar + 1)) as { constraints?: unknown[] };
        fields[path] = { key: message.slice(0, bar), args: { ...args, property: path } };
      } else {
        fields[path] = { key: `validation.${constraint}`, args: { property: path } };
      }
    }
    if (error.children?.length) Object.assign(fields, toFieldProblems(error.children, path));
  }
  return fields;
}

/** `?lang=` (checked by the request context) is allowed on every route: taken out before a query DTO sees it. */
class PortalValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && value && typeof value === 'object' && 'lang' in value) {
      const { lang: _lang, ...rest } = value as Record<string, unknown>;
      return super.transform(rest, metadata);
    }
    return super.transform(value, metadata);
  }
}

/** The one global validation pipe: unknown fields refused, types converted, errors named. */
export function createValidationPipe(): ValidationPipe {
  return new PortalValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError(ErrorCode.VALIDATION_FAILED, {}, toFieldProblems(errors)),
  });
}
