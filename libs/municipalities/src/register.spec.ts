import { foldText } from '@portal/core';
import { readRegister, registerRecords } from './migrations/1763800000400-municipality';
import { COUNTIES, LEGAL_STATUSES } from './municipality.entity';

/** The CSV and its mapping to table rows, without a database (the e2e spec checks the loaded table). */
describe('the register as the migration loads it', () => {
  const records = registerRecords();

  it('has every row of the CSV, once', () => {
    expect(readRegister()).toHaveLength(3178);
    expect(records).toHaveLength(3178);
    expect(new Set(records.map((r) => r.kshCode)).size).toBe(3178);
  });

  it('keeps KSH codes as 5-digit strings with their leading zeros', () => {
    expect(records.every((r) => /^[0-9]{5}$/.test(r.kshCode))).toBe(true);
    expect(records.find((r) => r.name === 'Ágfalva')?.kshCode).toBe('04880');
    expect(records.filter((r) => r.kshCode.startsWith('0')).length).toBeGreaterThan(300);
  });

  it('maps legal statuses to the allowed ones and flags the 18 county seats', () => {
    expect(new Set(records.map((r) => r.legalStatus))).toEqual(new Set(LEGAL_STATUSES));
    const seats = records.filter((r) => r.isCountySeat);
    expect(seats).toHaveLength(18);
    expect(seats.every((r) => r.legalStatus === 'megyei jogú város')).toBe(true);
    expect(seats.map((r) => r.name)).toEqual(expect.arrayContaining(['Győr', 'Pécs', 'Debrecen', 'Szeged']));
  });

  it('puts Budapest and its districts into county Budapest, and every other row into one of the 19 counties', () => {
    expect(new Set(records.map((r) => r.county))).toEqual(new Set(COUNTIES));
    const budapest = records.filter((r) => r.county === 'Budapest');
    expect(budapest).toHaveLength(24);
    expect(budapest.filter((r) => r.legalStatus === 'fővárosi kerület')).toHaveLength(23);
  });

  it('stores empty CSV cells as null, not as empty strings', () => {
    const fields = ['districtCode', 'districtName', 'districtSeat', 'postalCode'] as const;
    expect(records.some((r) => fields.some((f) => r[f] === ''))).toBe(false);
    expect(records.filter((r) => r.postalCode === null)).toHaveLength(20);
    expect(records.find((r) => r.name === 'Budapest')?.districtCode).toBeNull();
  });

  it('folds every name with foldText', () => {
    expect(records.every((r) => r.nameFolded === foldText(r.name))).toBe(true);
    expect(records.find((r) => r.kshCode === '25584')?.nameFolded).toBe('gyor');
  });

  it('has whole, non-negative numbers', () => {
    expect(records.every((r) => Number.isInteger(r.population) && r.population >= 0)).toBe(true);
    expect(records.every((r) => r.dwellings === null || Number.isInteger(r.dwellings))).toBe(true);
    expect(records.every((r) => r.areaHa === null || Number.isInteger(r.areaHa))).toBe(true);
  });
});
