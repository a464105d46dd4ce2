import { fileTypeFromBuffer } from 'file-type';

/** The kinds of attachment the portal accepts, decided by the file's content (magic bytes). */
export const ATTACHMENT_KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', label: 'ODT' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX' },
  jpg: { mime: 'image/jpeg', label: 'JPG' },
  png: { mime: 'image/png', label: 'PNG' },
} as const;

export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

export interface DetectedKind {
  ext: AttachmentKind;
  mime: string;
}

function isAttachmentKind(ext: string): ext is AttachmentKind {
  return Object.hasOwn(ATTACHMENT_KINDS, ext);
}

/**
 * What the bytes are, whatever the file is called: one of the accepted kinds, or null (an
 * .exe renamed to .pdf, a script, an unknown format). Only the first bytes are read.
 */
export async function detectAttachmentKind(head: Uint8Array): Promise<DetectedKind | null> {
  const found = await fileTypeFromBuffer(head);
  if (!found || !isAttachmentKind(found.ext)) return null;
  return { ext: found.ext, mime: ATTACHMENT_KINDS[found.ext].mime };
}
