import request from 'supertest';
import { ErrorCode, NotFoundError } from '@portal/core';
import { COUNTIES, MunicipalitiesService, Municipality } from '@portal/municipalities';
import enErrors from '../../libs/core/src/i18n/en/errors.json';
import huErrors from '../../libs/core/src/i18n/hu/errors.json';
import { municipalityByKsh, municipalityByName } from '../factories/municipalities';
import { createTestApp, TestApp } from '../setup/test-app';

const RESPONSE_KEYS = [
  'county',
  'districtName',
  'isCountySeat',
  'kshCode',
  'legalStatus',
  'name',
  'population',
  'postalCode',
].sort();

interface Item {
  kshCode: string;
  name: string;
  legalStatus: string;
  isCountySeat: boolean;
  county: string;
  districtName: string | null;
  population: number;
  postalCode: string | null;
}

describe('municipality register', () => {
  let t: TestApp;
  let municipalities: MunicipalitiesService;

  beforeAll(async () => {
    t = await createTestApp();
    municipalities = t.app.get(MunicipalitiesService);
  });

  afterAll(async () => {
    await t?.close(); // undefined when the app failed to start: that failure is the one to report
  });

  const get = (path: string, query: Record<string, string | number> = {}) => request(t.server).get(path).query(query);
  const search = (query: Record<string, string | number>) => get('/api/municipalities', query);

  describe('as loaded by the migration', () => {
    it('holds exactly the 3,178 rows of the CSV, field by field', async () => {
      const rows = await t.dataSource.getRepository(Municipality).find({ order: { kshCode: 'ASC' } });
      expect(rows).toHaveLength(3178);
      // the factory reads the CSV through the migration's own mapping
      expect(rows).toEqual(rows.map((row) => municipalityByKsh(row.kshCode)));
    });

    it('keeps the leading zeros of KSH codes', async () => {
      const agfalva = await municipalities.findByKsh('04880');
      expect(agfalva).toMatchObject({ kshCode: '04880', name: 'Ágfalva', county: 'Győr-Moson-Sopron' });
      const [{ count }] = await t.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM municipality WHERE ksh_code LIKE '0%'`,
      );
      expect(count).toBeGreaterThan(300);
    });

    it('has Budapest and its 23 districts, all in county Budapest', async () => {
      const budapest = await municipalities.findByKsh('13578');
      expect(budapest).toMatchObject({ name: 'Budapest', legalStatus: 'főváros', county: 'Budapest' });
      const districts = await municipalities.search({ legalStatus: 'fővárosi kerület', page: 1, pageSize: 100 });
      expect(districts.total).toBe(23);
      expect(districts.items.every((d) => d.county === 'Budapest' && d.name.startsWith('Budapest '))).toBe(true);
      expect(districts.items.map((d) => d.name)).toContain('Budapest 23. ker.');
    });

    it('flags the 18 county seats (megyeszékhely), and no other town', async () => {
      const seats = await t.dataSource.getRepository(Municipality).findBy({ isCountySeat: true });
      expect(seats).toHaveLength(18);
      expect(seats.every((s) => s.legalStatus === 'megyei jogú város')).toBe(true);
      expect((await municipalities.findByKsh('25584')).isCountySeat).toBe(true); // Győr
      expect(municipalityByName('Sopron').legalStatus).toBe('megyei jogú város');
      expect((await municipalities.findByKsh(municipalityByName('Sopron').kshCode)).isCountySeat).toBe(false);
    });

    it('has the 20 counties of the register', async () => {
      const rows = await t.dataSource.query<{ county: string }[]>(`SELECT DISTINCT county FROM municipality`);
      expect(new Set(rows.map((r) => r.county))).toEqual(new Set(COUNTIES));
    });

    it('leaves the postal code null where the CSV has none', async () => {
      const [{ count }] = await t.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM municipality WHERE postal_code IS NULL`,
      );
      expect(count).toBe(20);
      expect((await municipalities.findByKsh('09566')).postalCode).toBeNull(); // Budapest 01. ker.
      expect((await municipalities.findByKsh('02112')).postalCode).toBe('1172'); // Budapest 17. ker.
    });
  });

  describe('MunicipalitiesService', () => {
    it('exists() is true for a real code and false for an unknown or malformed one', async () => {
      expect(await municipalities.exists('04880')).toBe(true);
      expect(await municipalities.exists('99999')).toBe(false);
      expect(await municipalities.exists('4880')).toBe(false);
      expect(await municipalities.exists('abc')).toBe(false);
    });

    it('findByKsh() refuses an unknown or malformed code with NOT_FOUND', async () => {
      for (const code of ['99999', 'abc', '4880', "0'; --"]) {
        const error = await municipalities.findByKsh(code).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND, args: { what: 'municipality' } });
      }
    });

    it('searches with one COUNT and one page query, both served by the trigram index', async () => {
      await municipalities.search({ q: 'warm-up', page: 1, pageSize: 5 }); // looks up the collation once
      const runner = t.dataSource.createQueryRunner();
      const proto = Object.getPrototypeOf(runner) as { query: (sql: string, params?: unknown[]) => Promise<unknown> };
      await runner.release();
      const spy = jest.spyOn(proto, 'query');
      try {
        await municipalities.search({ q: 'gyo', page: 1, pageSize: 20 });
        expect(spy).toHaveBeenCalledTimes(2);
        const queries = spy.mock.calls.map(([sql, params]) => ({ sql, params: params ?? [] }));
        spy.mockRestore();
        expect(queries.filter((q) => /COUNT\(/i.test(q.sql))).toHaveLength(1);
        for (const { sql, params } of queries) {
          const [{ 'QUERY PLAN': plan }] = await t.dataSource.query<{ 'QUERY PLAN': unknown }[]>(
            `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
            params,
          );
          expect(JSON.stringify(plan)).toContain('"Index Name":"ix_municipality_name_folded_trgm"');
        }
      } finally {
        spy.mockRestore();
      }
    });

    it('finds by prefix with the prefix index', async () => {
      const [{ 'QUERY PLAN': plan }] = await t.dataSource.query<{ 'QUERY PLAN': unknown }[]>(
        `EXPLAIN (FORMAT JSON) SELECT ksh_code FROM municipality WHERE name_folded LIKE $1`,
        ['gyo%'],
      );
      expect(JSON.stringify(plan)).toContain('"Index Name":"ix_municipality_name_folded_prefix"');
    });

    it('orders names alphabetically in Hungarian (cs after c, ö after o) without a search text', async () => {
      const { items, total } = await municipalities.search({ page: 1, pageSize: 3178 });
      expect(total).toBe(3178);
      const names = items.map((m) => m.name);
      expect(names.slice(0, 3)).toEqual(['Aba', 'Abádszalók', 'Abaliget']);
      const before = (a: string, b: string) => expect(names.indexOf(a)).toBeLessThan(names.indexOf(b));
      before('Cún', 'Csabacsűd'); // c < cs
      before('Ozora', 'Öcs'); // o < ö, and Ö is not sorted after Z
      before('Öttömös', 'Pácin');
      before('Zubogy', 'Zsurk'); // z < zs
      expect(names).toEqual([...names].sort(new Intl.Collator('hu').compare));
    });
  });

  describe('GET /api/municipalities', () => {
    it('lists the register alphabetically, 20 a page by default, with the response fields only', async () => {
      const res = await search({}).expect(200);
      expect(res.body).toMatchObject({ total: 3178, page: 1, pageSize: 20 });
      expect(res.body.items).toHaveLength(20);
      expect(res.body.items[0].name).toBe('Aba');
      for (const item of res.body.items as Item[]) expect(Object.keys(item).sort()).toEqual(RESPONSE_KEYS);
      for (const q of ['', '   ']) expect((await search({ q }).expect(200)).body.total).toBe(3178); // nothing to search for
    });

    it.each(['gyor', 'győr', 'GYŐR', 'Gyor', '  gyor ', 'Gyo\u030Br'])('finds Győr first for %p', async (q) => {
      const res = await search({ q }).expect(200);
      expect(res.body.items[0]).toEqual({
        kshCode: '25584',
        name: 'Győr',
        legalStatus: 'megyei jogú város',
        isCountySeat: true,
        county: 'Győr-Moson-Sopron',
        districtName: 'Győri',
        population: 130094,
        postalCode: '9027',
      });
    });

    it('orders an exact match first, then names starting with the text, then the rest, each by population', async () => {
      const res = await search({ q: 'gyor', pageSize: 100 }).expect(200);
      const items = res.body.items as Item[];
      expect(res.body.total).toBe(items.length);
      const rank = (m: Item) => {
        const folded = m.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        return folded === 'gyor' ? 0 : folded.startsWith('gyor') ? 1 : 2;
      };
      const ranks = items.map(rank);
      expect(ranks[0]).toBe(0);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(ranks).toContain(1); // Győrújbarát, Győrzámoly, ...
      expect(ranks).toContain(2); // Balatonszentgyörgy, ...
      for (let i = 1; i < items.length; i++) {
        if (ranks[i] === ranks[i - 1]) expect(items[i].population).toBeLessThanOrEqual(items[i - 1].population);
      }
    });

    it('finds Budapest and its districts for "budapest"', async () => {
      const res = await search({ q: 'budapest', pageSize: 50 }).expect(200);
      expect(res.body.total).toBe(24);
      const items = res.body.items as Item[];
      expect(items[0]).toMatchObject({ kshCode: '13578', name: 'Budapest', legalStatus: 'főváros' });
      expect(items.slice(1).every((m) => m.legalStatus === 'fővárosi kerület')).toBe(true);
      expect(items[1].name).toBe('Budapest 11. ker.'); // the most populous district
    });

    it('matches % and _ literally, not as wildcards', async () => {
      for (const q of ['%', '_', 'gy%r', 'gy_r', '\\', '%%%']) {
        const res = await search({ q }).expect(200);
        expect({ q, total: res.body.total }).toEqual({ q, total: 0 });
      }
      expect((await search({ q: 'gy' }).expect(200)).body.total).toBeGreaterThan(100);
    });

    it('pages through the results', async () => {
      const first10 = (await search({ q: 'szent', pageSize: 10 }).expect(200)).body;
      const page2 = (await search({ q: 'szent', page: 2, pageSize: 5 }).expect(200)).body;
      expect(first10.total).toBeGreaterThan(10);
      expect(page2).toMatchObject({ page: 2, pageSize: 5, total: first10.total });
      expect(page2.items).toEqual(first10.items.slice(5, 10));
      const last = Math.ceil(first10.total / 5);
      const lastPage = (await search({ q: 'szent', page: last, pageSize: 5 }).expect(200)).body;
      expect(lastPage.items).toHaveLength(first10.total - (last - 1) * 5);
      const beyond = (await search({ q: 'szent', page: last + 1, pageSize: 5 }).expect(200)).body;
      expect(beyond).toMatchObject({ items: [], total: first10.total, page: last + 1 });
    });

    it('accepts pageSize 100', async () => {
      const res = await search({ pageSize: 100, page: 32 }).expect(200);
      expect(res.body.items).toHaveLength(78);
    });

    it('filters by county and legal status, with or without a search text', async () => {
      const gyms = (await search({ county: 'Győr-Moson-Sopron' }).expect(200)).body;
      expect(gyms.total).toBe(183);
      const cities = (await search({ legalStatus: 'megyei jogú város', pageSize: 100 }).expect(200)).body;
      expect(cities.total).toBe(23);
      const both = (await search({ q: 'gyor', county: 'Szabolcs-Szatmár-Bereg' }).expect(200)).body;
      expect(both.items.map((m: Item) => m.name)).toContain('Győröcske');
      expect(both.items.every((m: Item) => m.county === 'Szabolcs-Szatmár-Bereg')).toBe(true);
      const none = (await search({ q: 'gyor', legalStatus: 'fővárosi kerület' }).expect(200)).body;
      expect(none).toMatchObject({ total: 0, items: [] });
    });

    it('accepts ?lang= beside the search fields', async () => {
      await search({ q: 'gyor', lang: 'en' }).expect(200);
    });

    it.each([
      [{ pageSize: 101 }, 'pageSize'],
      [{ pageSize: 0 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ page: 'abc' }, 'page'],
      [{ q: 'a'.repeat(101) }, 'q'],
      [{ county: 'Nowhere' }, 'county'],
      [{ legalStatus: 'falu' }, 'legalStatus'],
      [{ lang: 'de' }, 'lang'],
      [{ foo: 'bar' }, 'foo'],
    ])('refuses %j with 400 naming %s', async (query, field) => {
      const res = await search(query).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
      expect(res.body.error.fields[field]).toEqual(expect.any(String));
    });

    it('refuses a repeated q (an array) but takes a q of exactly 100 characters', async () => {
      const res = await request(t.server).get('/api/municipalities?q=gyor&q=pecs').expect(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['q']);
      await search({ q: 'a'.repeat(100) }).expect(200);
    });

    it('explains a refusal in Hungarian by default and in English on request', async () => {
      const hu = (await search({ q: 'a'.repeat(101) }).expect(400)).body.error;
      expect(hu.message).toBe(huErrors.VALIDATION_FAILED);
      expect(hu.fields.q).toContain('100');
      const en = (await search({ q: 'a'.repeat(101), lang: 'en' }).expect(400)).body.error;
      expect(en.message).toBe(enErrors.VALIDATION_FAILED);
      expect(en.fields.q).toContain('100');
      expect(en.fields.q).not.toBe(hu.fields.q);
      const header = (await search({ pageSize: 101 }).set('Accept-Language', 'en').expect(400)).body.error;
      expect(header.message).toBe(enErrors.VALIDATION_FAILED);
    });
  });

  describe('GET /api/municipalities/:ksh', () => {
    it('returns Ágfalva with the leading zero of its code', async () => {
      const res = await get('/api/municipalities/04880').expect(200);
      expect(res.body).toEqual({
        kshCode: '04880',
        name: 'Ágfalva',
        legalStatus: 'község',
        isCountySeat: false,
        county: 'Győr-Moson-Sopron',
        districtName: 'Soproni',
        population: 2309,
        postalCode: '9423',
      });
    });

    it('returns Budapest, which has no district', async () => {
      const res = await get('/api/municipalities/13578').expect(200);
      expect(res.body).toMatchObject({ name: 'Budapest', county: 'Budapest', districtName: null, isCountySeat: false });
    });

    it('answers 404 in the error shape for an unknown code, in the language asked for', async () => {
      const hu = await get('/api/municipalities/99999').expect(404);
      expect(hu.body).toEqual({
        error: { code: 'NOT_FOUND', message: huErrors.NOT_FOUND, requestId: expect.any(String) },
      });
      const en = await get('/api/municipalities/99999', { lang: 'en' }).expect(404);
      expect(en.body.error).toMatchObject({ code: 'NOT_FOUND', message: enErrors.NOT_FOUND });
      const header = await get('/api/municipalities/99999').set('Accept-Language', 'en-GB,en;q=0.9').expect(404);
      expect(header.body.error.message).toBe(enErrors.NOT_FOUND);
      expect(enErrors.NOT_FOUND).not.toBe(huErrors.NOT_FOUND);
    });

    it.each(['abc', '4880', '048800', '0488a', '%2504880'])('answers 400 naming ksh for %p', async (code) => {
      const res = await get(`/api/municipalities/${code}`).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields)).toEqual(['ksh']);
    });
  });
});
