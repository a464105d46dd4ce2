import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DeadlineExtensionsService } from '@portal/applications';
import type { SessionUser } from '@portal/identity';
import { Auth, CurrentUser } from '../auth/auth.decorator';
import { UuidPipe } from '../http/params';
import { DeadlineExtensionResponse, toDeadlineExtensionResponse } from './deadline-extension-response.dto';
import { CreateDeadlineExtensionDto } from './deadline-extension.dto';

@ApiTags('applications')
@Controller('calls/:callId/extensions')
export class DeadlineExtensionsController {
  constructor(private readonly extensions: DeadlineExtensionsService) {}

  /** Every extension of the call, revoked ones too, newest first. */
  @Get()
  @Auth('coordinator', 'admin')
  @ApiOkResponse({ type: [DeadlineExtensionResponse] })
  async list(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
  ): Promise<DeadlineExtensionResponse[]> {
    return (await this.extensions.list(user, callId)).map(toDeadlineExtensionResponse);
  }

  /** A later deadline for one municipality; replaces (revokes) the one in force. */
  @Post()
  @Auth('coordinator', 'admin')
  @ApiCreatedResponse({ type: DeadlineExtensionResponse })
  async grant(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Body() dto: CreateDeadlineExtensionDto,
  ): Promise<DeadlineExtensionResponse> {
    return toDeadlineExtensionResponse(await this.extensions.grant(user, callId, dto));
  }

  /** Revokes the extension: the call's own deadline applies again. */
  @Delete(':id')
  @HttpCode(204)
  @Auth('coordinator', 'admin')
  @ApiNoContentResponse()
  async revoke(
    @CurrentUser() user: SessionUser,
    @Param('callId', UuidPipe) callId: string,
    @Param('id', UuidPipe) id: string,
  ): Promise<void> {
    await this.extensions.revoke(user, callId, id);
  }
}
