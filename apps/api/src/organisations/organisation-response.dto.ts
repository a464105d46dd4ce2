import { ApiProperty } from '@nestjs/swagger';
import { Organisation, ORGANISATION_KINDS, OrganisationKind } from '@portal/organisations';

export class OrganisationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'TÖOSZ' })
  code: string;

  @ApiProperty({ example: 'Települési Önkormányzatok Országos Szövetsége' })
  nameHu: string;

  @ApiProperty({ example: 'Hungarian National Association of Local Authorities' })
  nameEn: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind: OrganisationKind;
}

export function toOrganisationResponse(o: Organisation): OrganisationResponseDto {
  return { id: o.id, code: o.code, nameHu: o.nameHu, nameEn: o.nameEn, kind: o.kind };
}
