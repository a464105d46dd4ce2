import type { Readable } from 'node:stream';
import { applyDecorators, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { attachmentDisposition } from '@portal/storage';

/** A route that answers with a file download: never sniffed, never cached by a shared cache. */
export function Download(description: string, mime?: string): MethodDecorator {
  return applyDecorators(
    Header('X-Content-Type-Options', 'nosniff'),
    Header('Cache-Control', 'private, no-store'),
    ...(mime ? [ApiProduces(mime)] : []),
    ApiOkResponse({ description }),
  );
}

/** An uploaded attachment as the download it is served as, under its display name. */
export function attachmentFile(file: {
  attachment: { mime: string; sizeBytes: number; displayName: string };
  content: Readable;
}): StreamableFile {
  return new StreamableFile(file.content, {
    type: file.attachment.mime,
    length: file.attachment.sizeBytes,
    disposition: attachmentDisposition(file.attachment.displayName),
  });
}
