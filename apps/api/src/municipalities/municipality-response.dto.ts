import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@portal/core';
import { COUNTIES, County, LEGAL_STATUSES, LegalStatus, Municipality } from '@portal/municipalities';
import { mapPage, PageResponse } from '../http/page-response';

export class MunicipalityResponseDto {
  @ApiProperty({ description: 'KSH settlement code, 5 digits, leading zeros kept', example: '04880' })
  kshCode: string;

  @ApiProperty({ example: 'Ágfalva' })
  name: string;

  @ApiProperty({ enum: LEGAL_STATUSES, example: 'község' })
  legalStatus: LegalStatus;

  @ApiProperty({ description: 'Seat of its county (megyeszékhely)' })
  isCountySeat: boolean;

  @ApiProperty({ enum: COUNTIES, example: 'Győr-Moson-Sopron' })
  county: County;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'District (járás); null for Budapest itself',
    example: 'Soproni',
  })
  districtName: string | null;

  @ApiProperty({ description: 'Population on 1 January 2018', example: 2309 })
  population: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Main postal code; null where the register has none',
    example: '9423',
  })
  postalCode: string | null;
}

export class MunicipalityPageResponseDto extends PageResponse(MunicipalityResponseDto) {}

export function toMunicipalityResponse(m: Municipality): MunicipalityResponseDto {
  return {
    kshCode: m.kshCode,
    name: m.name,
    legalStatus: m.legalStatus,
    isCountySeat: m.isCountySeat,
    county: m.county,
    districtName: m.districtName,
    population: m.population,
    postalCode: m.postalCode,
  };
}

export function toMunicipalityPageResponse(page: Page<Municipality>): MunicipalityPageResponseDto {
  return mapPage(page, toMunicipalityResponse);
}
