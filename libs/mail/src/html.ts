const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Turns already escaped text into paragraphs: a blank line starts a paragraph, a newline is a line break. */
export function paragraphsToHtml(escaped: string): string {
  return escaped
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p style="margin:0 0 16px">${paragraph.split('\n').join('<br>\n')}</p>`)
    .join('\n');
}
