import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { i18nValidationMessage } from 'nestjs-i18n';
import { KSH_CODE_PATTERN } from '@portal/municipalities';

export class MunicipalityKshParamDto {
  @ApiProperty({
    description: 'KSH settlement code: 5 digits, leading zeros kept',
    example: '04880',
    pattern: '^[0-9]{5}$',
  })
  @Matches(KSH_CODE_PATTERN, { message: i18nValidationMessage('validation.kshCode') })
  ksh: string;
}
