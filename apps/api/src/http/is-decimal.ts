import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `maxDecimalPlaces` decimals: class-validator's
 * `IsNumber({ maxDecimalPlaces })` under the same name, without its crash (it reads the
 * decimals from `toString()`, which has no "." for 1e-7 or 3e-323: a TypeError, a 500).
 */
export function IsDecimal(maxDecimalPlaces: number, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNumber',
      constraints: [{ maxDecimalPlaces }],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(maxDecimalPlaces)) === value,
      },
    },
    validationOptions,
  );
}
