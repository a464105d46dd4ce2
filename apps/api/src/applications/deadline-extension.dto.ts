import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { i18nValidationMessage as msg } from 'nestjs-i18n';
import { BudapestInstant } from '../http/budapest-instant';

export class CreateDeadlineExtensionDto {
  @ApiProperty({ example: '17385' })
  @IsString()
  @Matches(/^\d{5}$/, { message: msg('validation.kshCode') })
  municipalityKsh: string;

  @ApiProperty({
    type: String,
    example: '2026-04-03T12:00',
    description:
      'The municipality’s deadline (exclusive): later than the call’s, before the close of scoring. ISO 8601 with ' +
      'an offset or Z ("2026-04-03T12:00:00+02:00"), or a Budapest wall time without offset ("2026-04-03T12:00").',
  })
  @BudapestInstant()
  closesAt: Date;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty({ message: msg('validation.isNotEmpty') })
  @MaxLength(2000, { message: msg('validation.maxLength') })
  reason: string;
}
