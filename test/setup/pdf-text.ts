import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The text a PDF shows, extracted by pdfjs-dist in a child process. */
export function pdfText(pdf: Buffer): string {
  return execFileSync(process.execPath, [join(__dirname, 'pdf-text-cli.mjs')], { input: pdf, encoding: 'utf8' });
}
