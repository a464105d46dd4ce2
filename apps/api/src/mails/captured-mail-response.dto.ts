import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@portal/core';
import type { CapturedMailView } from '@portal/mail';
import { mapPage, PageResponse } from '../http/page-response';

export class CapturedMailResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Recipient address(es)', example: 'kovacs.anna@gyor.hu' })
  to: string;

  @ApiProperty({ description: 'Sender address', example: 'noreply@logy.localhost' })
  from: string;

  @ApiProperty({ example: 'Kérelmét jóváhagytuk – Győr' })
  subject: string;

  @ApiProperty({ description: 'Plain-text body' })
  text: string;

  @ApiProperty({ type: String, nullable: true, description: 'HTML body (parameters escaped)' })
  html: string | null;

  @ApiProperty({ format: 'date-time' })
  capturedAt: string;
}

export class CapturedMailPageResponseDto extends PageResponse(CapturedMailResponseDto) {}

export function toCapturedMailResponse(mail: CapturedMailView): CapturedMailResponseDto {
  return {
    id: mail.id,
    to: mail.to,
    from: mail.from,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    capturedAt: mail.capturedAt.toISOString(),
  };
}

export function toCapturedMailPageResponse(page: Page<CapturedMailView>): CapturedMailPageResponseDto {
  return mapPage(page, toCapturedMailResponse);
}
