import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode, FieldProblems } from '@portal/core';

/** Flattens nested class-validator errors into `field.path` → the i18n key of its first problem. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblems {
  const fields: FieldProblems = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    // class-validator lists the constraints bottom-up: the last one is the decorator written
    // first, by convention the type check (isString before maxLength)
    const [constraint, message] = Object.entries(error.constraints ?? {}).at(-1) ?? [];
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
