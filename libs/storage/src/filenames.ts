import { create as contentDisposition } from 'content-disposition';

const MAX_NAME = 150;

/**
 * The name an uploaded file is shown and downloaded under. Only for display: files are
 * stored under server-generated keys, never under this name. Path parts (`../`, `C:\`),
 * control characters and characters Windows forbids are dropped; accents stay (NFC).
 */
export function safeDisplayName(original: string, ext: string, fallback = 'melleklet'): string {
  const base = original.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  stem = stem.replace(/[.\s]+$/g, '');
  if (!stem) stem = fallback;
  name = `${Array.from(stem).slice(0, MAX_NAME).join('')}.${ext}`;
  return name;
}

/** `attachment; filename="…"; filename*=UTF-8''…`: safe for any name, accents kept. */
export function attachmentDisposition(displayName: string): string {
  return contentDisposition(displayName, { type: 'attachment' });
}
