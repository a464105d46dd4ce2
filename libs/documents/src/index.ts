export { renderPdf } from './pdf';
export type { PdfDocument } from './pdf';
export { neutraliseCell, toCsv } from './csv';
export type { CsvCell } from './csv';
