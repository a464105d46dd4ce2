import { stringify } from 'csv-stringify/sync';

const BOM = '\uFEFF';

/**
 * A cell that a spreadsheet would read as a formula (= + - @, tab, carriage return) gets a
 * leading apostrophe, so an applicant's text can never run as a formula in a coordinator's Excel.
 */
export type CsvCell = string | number | boolean | Date | null | undefined;

export function neutraliseCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** CSV as Hungarian Excel opens it: UTF-8 with BOM, `;` between cells, CRLF line ends. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return (
    BOM +
    stringify([header, ...rows.map((row) => row.map(neutraliseCell))], {
      delimiter: ';',
      record_delimiter: '\r\n',
      quoted_match: /[;"\r\n]/,
    })
  );
}
