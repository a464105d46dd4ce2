import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrganisationsService } from '@portal/organisations';
import { OrganisationResponseDto, toOrganisationResponse } from './organisation-response.dto';

/** The steering-committee organisations; public (a juror's invitation names one). */
@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'Every organisation, in Hungarian alphabetical order of its Hungarian name' })
  @ApiOkResponse({ type: [OrganisationResponseDto] })
  async list(): Promise<OrganisationResponseDto[]> {
    return (await this.organisations.list()).map(toOrganisationResponse);
  }
}
