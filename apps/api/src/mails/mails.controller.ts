import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CapturedMailService } from '@portal/mail';
import { Auth } from '../auth/auth.decorator';
import { CapturedMailQueryDto } from './captured-mail-query.dto';
import { CapturedMailPageResponseDto, toCapturedMailPageResponse } from './captured-mail-response.dto';

@ApiTags('mails')
@Controller('mails')
export class MailsController {
  constructor(private readonly capturedMail: CapturedMailService) {}

  @Get('captured')
  @Auth('coordinator', 'admin')
  @ApiOperation({ summary: 'Mail kept by the embedded catcher (no SMTP server configured), newest first' })
  @ApiOkResponse({ type: CapturedMailPageResponseDto })
  async captured(@Query() query: CapturedMailQueryDto): Promise<CapturedMailPageResponseDto> {
    return toCapturedMailPageResponse(await this.capturedMail.list(query, query.to));
  }
}
