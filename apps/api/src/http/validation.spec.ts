import { plainToInstance, Type } from 'class-transformer';
import { IsString, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { i18nValidationMessage } from 'nestjs-i18n';
import { toFieldProblems } from './validation';

class Contact {
  @IsString()
  name: string;
}

class Sample {
  @MaxLength(3, { message: i18nValidationMessage('validation.maxLength') })
  title: string;

  @ValidateNested()
  @Type(() => Contact)
  contact: Contact;
}

describe('toFieldProblems', () => {
  it('names nested fields by path and keeps the constraint arguments for the message', () => {
    const dto = plainToInstance(Sample, { title: 'hosszú', contact: { name: 5 } });
    const problems = toFieldProblems(validateSync(dto));
    expect(problems.title.key).toBe('validation.maxLength');
    expect(problems.title.args).toMatchObject({ constraints: [3], property: 'title' });
    expect(problems['contact.name']).toEqual({ key: 'validation.isString', args: { property: 'contact.name' } });
  });
});
