import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CallsService } from '@portal/calls';
import { CurrentCallResponse, toCurrentCallResponse } from './call-response.dto';

/** Calls as everyone sees them, without a session. */
@ApiTags('public')
@Controller('public/calls')
export class PublicCallsController {
  constructor(private readonly calls: CallsService) {}

  /**
   * The call accepting submissions now by the server's clock (of several, the one closing
   * soonest), with its themes, criteria and phases in both languages.
   */
  @Get('current')
  @ApiOkResponse({ type: CurrentCallResponse })
  @ApiNotFoundResponse({ description: 'CALL_NONE_OPEN: no call accepts submissions now' })
  async current(): Promise<CurrentCallResponse> {
    return toCurrentCallResponse(await this.calls.current());
  }
}
