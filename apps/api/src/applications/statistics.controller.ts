import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApplicationStatisticsService } from '@portal/applications';
import { PageQueryDto } from '@portal/core';
import type { SessionUser } from '@portal/identity';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { mapPage } from '../http/page-response';
import { CallOverviewPageResponse, toCallOverviewResponse } from './call-statistics-response.dto';

/** Numbers across calls, for the coordinators' overview. */
@ApiTags('applications')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: ApplicationStatisticsService) {}

  /** The current calls (results not published yet, drafts too), newest first, with their applications counted. */
  @Get('calls')
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: CallOverviewPageResponse })
  async calls(@CurrentUser() user: SessionUser, @Query() query: PageQueryDto): Promise<CallOverviewPageResponse> {
    return mapPage(await this.statistics.currentCalls(user, query), toCallOverviewResponse);
  }
}
