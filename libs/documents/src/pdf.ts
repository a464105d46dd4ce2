import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// pdfmake ships Roboto, whose glyphs cover ő and ű (the built-in PDF fonts do not)
const requireHere = createRequire(__filename);
const pdfmake = requireHere('pdfmake') as PdfMake;
const fontDir = join(dirname(requireHere.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONTS = {
  Roboto: {
    normal: join(fontDir, 'Roboto-Regular.ttf'),
    bold: join(fontDir, 'Roboto-Medium.ttf'),
    italics: join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
};
const fontFiles = new Set(Object.values(FONTS.Roboto));

interface PdfMake {
  addFonts(fonts: typeof FONTS): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  createPdf(definition: PdfDocument): { getBuffer(): Promise<Buffer> };
}

/** A pdfmake document definition (https://pdfmake.github.io/docs/0.3/document-definition-object/). */
export type PdfDocument = Record<string, unknown> & { content: unknown };

let configured = false;
function configure(): void {
  if (configured) return;
  pdfmake.addFonts(FONTS);
  // a document may read nothing but the fonts: no local files, no URLs
  pdfmake.setLocalAccessPolicy((path) => fontFiles.has(path));
  pdfmake.setUrlAccessPolicy(() => false);
  configured = true;
}

/** Renders a PDF in memory. */
export async function renderPdf(definition: PdfDocument): Promise<Buffer> {
  configure();
  return Buffer.from(await pdfmake.createPdf({ defaultStyle: { font: 'Roboto' }, ...definition }).getBuffer());
}
