import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MunicipalitiesService } from '@portal/municipalities';
import { MunicipalityKshParamDto } from './municipality-ksh-param.dto';
import {
  MunicipalityPageResponseDto,
  MunicipalityResponseDto,
  toMunicipalityPageResponse,
  toMunicipalityResponse,
} from './municipality-response.dto';
import { SearchMunicipalitiesQueryDto } from './search-municipalities-query.dto';

/** The municipality register (KSH Helységnévtár 2018); public. */
@ApiTags('municipalities')
@Controller('municipalities')
export class MunicipalitiesController {
  constructor(private readonly municipalities: MunicipalitiesService) {}

  @Get()
  @ApiOperation({ summary: 'Search the register by name (accent- and case-insensitive), county and legal status' })
  @ApiOkResponse({ type: MunicipalityPageResponseDto })
  @ApiBadRequestResponse({ description: 'A query field is invalid or unknown' })
  async search(@Query() query: SearchMunicipalitiesQueryDto): Promise<MunicipalityPageResponseDto> {
    return toMunicipalityPageResponse(await this.municipalities.search(query));
  }

  @Get(':ksh')
  @ApiOperation({ summary: 'One municipality by its KSH code' })
  @ApiOkResponse({ type: MunicipalityResponseDto })
  @ApiBadRequestResponse({ description: 'The code is not 5 digits' })
  @ApiNotFoundResponse({ description: 'No municipality has this code' })
  async findOne(@Param() { ksh }: MunicipalityKshParamDto): Promise<MunicipalityResponseDto> {
    return toMunicipalityResponse(await this.municipalities.findByKsh(ksh));
  }
}
