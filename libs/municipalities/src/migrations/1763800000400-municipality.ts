import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { foldText, fromRoot } from '@portal/core';

interface Row {
  ksh_code: string;
  name: string;
  legal_status: string;
  county: string;
  district_code: string;
  district_name: string;
  district_seat: string;
  population: string;
  dwellings: string;
  area_ha: string;
  postal_code: string;
}

/** Source: KSH Helységnévtár, 1 January 2018 (data/hu-settlements-2018.csv). */
export function readRegister(): Row[] {
  return parse<Row>(readFileSync(fromRoot('data', 'hu-settlements-2018.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  });
}

const COUNTY_SEAT = 'megyeszékhely, ';

/** One register row as loaded into the `municipality` table (camelCase, as the entity reads it). */
export interface RegisterRecord {
  kshCode: string;
  name: string;
  nameFolded: string;
  legalStatus: string;
  isCountySeat: boolean;
  county: string;
  districtCode: string | null;
  districtName: string | null;
  districtSeat: string | null;
  population: number;
  dwellings: number | null;
  areaHa: number | null;
  postalCode: string | null;
}

/**
 * The CSV rows as the table holds them: "megyeszékhely, megyei jogú város" becomes a
 * county seat flag; Budapest (no county) and its districts ("főváros") get county Budapest.
 */
export function registerRecords(): RegisterRecord[] {
  return readRegister().map((r) => {
    const countySeat = r.legal_status.startsWith(COUNTY_SEAT);
    return {
      kshCode: r.ksh_code,
      name: r.name,
      nameFolded: foldText(r.name),
      legalStatus: countySeat ? r.legal_status.slice(COUNTY_SEAT.length) : r.legal_status,
      isCountySeat: countySeat,
      county: r.county === '' || r.county === 'főváros' ? 'Budapest' : r.county,
      districtCode: r.district_code || null,
      districtName: r.district_name || null,
      districtSeat: r.district_seat || null,
      population: Number(r.population),
      dwellings: r.dwellings ? Number(r.dwellings) : null,
      areaHa: r.area_ha ? Number(r.area_ha) : null,
      postalCode: r.postal_code || null,
    };
  });
}

export class Municipality1763800000400 implements MigrationInterface {
  name = 'Municipality1763800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipality (
        ksh_code char(5) NOT NULL,
        name text NOT NULL,
        name_folded text NOT NULL,
        legal_status text NOT NULL,
        is_county_seat boolean NOT NULL DEFAULT false,
        county text NOT NULL,
        district_code char(4),
        district_name text,
        district_seat text,
        population integer NOT NULL,
        dwellings integer,
        area_ha integer,
        postal_code char(4),
        CONSTRAINT pk_municipality PRIMARY KEY (ksh_code),
        CONSTRAINT ck_municipality_ksh_code CHECK (ksh_code ~ '^[0-9]{5}$'),
        CONSTRAINT ck_municipality_legal_status CHECK (legal_status IN
          ('község', 'nagyközség', 'város', 'megyei jogú város', 'főváros', 'fővárosi kerület')),
        CONSTRAINT ck_municipality_population CHECK (population >= 0)
      )`);

    const rows = registerRecords();
    const chunk = 500;
    for (let start = 0; start < rows.length; start += chunk) {
      const params: unknown[] = [];
      const values = rows.slice(start, start + chunk).map((r) => {
        const row = [
          r.kshCode,
          r.name,
          r.nameFolded,
          r.legalStatus,
          r.isCountySeat,
          r.county,
          r.districtCode,
          r.districtName,
          r.districtSeat,
          r.population,
          r.dwellings,
          r.areaHa,
          r.postalCode,
        ];
        const base = params.length;
        params.push(...row);
        return `(${row.map((_, i) => `$${base + i + 1}`).join(', ')})`;
      });
      await q.query(
        `INSERT INTO municipality (ksh_code, name, name_folded, legal_status, is_county_seat, county,
           district_code, district_name, district_seat, population, dwellings, area_ha, postal_code)
         VALUES ${values.join(', ')}`,
        params,
      );
    }

    // Indexes after the load: a GIN index filled row by row keeps every entry in its pending
    // list until a vacuum, and a trigram search then reads that list from end to end.
    await q.query(`CREATE INDEX ix_municipality_name_folded_trgm ON municipality USING gin (name_folded gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_municipality_name_folded_prefix ON municipality (name_folded text_pattern_ops)`);
    await q.query(`CREATE INDEX ix_municipality_county ON municipality (county)`);
    // statistics now, so that the planner picks the indexes before autovacuum first comes by
    await q.query(`ANALYZE municipality`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE municipality`);
  }
}
