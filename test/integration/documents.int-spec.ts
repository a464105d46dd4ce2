import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { neutraliseCell, renderPdf, toCsv } from '@portal/documents';
import { SAMPLES } from '../fixtures/files';
import { pdfText } from '../setup/pdf-text';

const PANGRAM = 'Árvíztűrő tükörfúrógép ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP';

describe('PDF rendering', () => {
  it('renders Hungarian text with ő and ű intact, as text a reader can extract', async () => {
    const pdf = await renderPdf({
      content: [{ text: 'Győztesek listája', bold: true }, { text: PANGRAM }],
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Győztesek listája');
    expect(text).toContain(PANGRAM);
  });

  it('reads no local file or URL named in a document, even a real image', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'logy-pdf-'));
    const png = join(dir, 'logo.png');
    await writeFile(png, SAMPLES.png);
    try {
      await expect(renderPdf({ content: [{ image: png }] })).rejects.toThrow(/access|not allowed|denied/i);
      await expect(renderPdf({ content: [{ image: 'http://127.0.0.1:9/logo.png' }] })).rejects.toThrow();
      // the same image handed over as data is fine
      const inline = await renderPdf({
        content: [{ image: `data:image/png;base64,${SAMPLES.png.toString('base64')}` }],
      });
      expect(inline.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('CSV export', () => {
  it('writes UTF-8 with BOM and ; that round-trips Hungarian text, quotes and line breaks', () => {
    const csv = toCsv(
      ['Település', 'Cím'],
      [
        ['Győr', PANGRAM],
        ['Őrség; "Kapu"', 'első sor\nmásodik sor'],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('Település;Cím\r\n');
    const rows = parse(csv, { bom: true, delimiter: ';' }) satisfies string[][];
    expect(rows).toEqual([
      ['Település', 'Cím'],
      ['Győr', PANGRAM],
      ['Őrség; "Kapu"', 'első sor\nmásodik sor'],
    ]);
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(neutraliseCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutraliseCell('+36 1 123 4567')).toBe(`'+36 1 123 4567`);
    expect(neutraliseCell('-5')).toBe(`'-5`);
    expect(neutraliseCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseCell('Tiszaűr')).toBe('Tiszaűr');
    expect(neutraliseCell(1200000)).toBe('1200000');
    expect(neutraliseCell(null)).toBe('');
  });
});
