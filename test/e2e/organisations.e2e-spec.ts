import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ErrorCode, NotFoundError } from '@portal/core';
import { OrganisationsService, STEERING_COMMITTEE } from '@portal/organisations';
import { createTestApp, TestApp } from '../setup/test-app';

interface Item {
  id: string;
  code: string;
  nameHu: string;
  nameEn: string;
  kind: string;
}

describe('organisations', () => {
  let t: TestApp;
  let organisations: OrganisationsService;

  beforeAll(async () => {
    t = await createTestApp();
    organisations = t.app.get(OrganisationsService);
  });

  afterAll(async () => {
    await t?.close(); // undefined when the app failed to start: that failure is the one to report
  });

  describe('GET /api/organisations', () => {
    let items: Item[];

    beforeAll(async () => {
      items = (await request(t.server).get('/api/organisations').expect(200)).body as Item[];
    });

    it('lists the 12 steering-committee organisations, with the response fields only', () => {
      expect(items).toHaveLength(12);
      expect(new Set(items.map((o) => o.code))).toEqual(new Set(STEERING_COMMITTEE.map((o) => o.code)));
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(['code', 'id', 'kind', 'nameEn', 'nameHu']);
        expect(item.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }
    });

    it('keeps the Hungarian accents of every name', () => {
      const byCode = new Map(items.map((o) => [o.code, o]));
      expect(byCode.get('TÖOSZ')).toMatchObject({
        nameHu: 'Települési Önkormányzatok Országos Szövetsége',
        nameEn: 'Hungarian National Association of Local Authorities',
        kind: 'association',
      });
      expect(byCode.get('MÖSZ')?.nameHu).toBe('Magyar Önkormányzatok Szövetsége');
      expect(byCode.get('EMMI')?.nameHu).toBe('Emberi Erőforrások Minisztériuma');
      expect(byCode.get('EDEM')?.nameHu).toBe('e-Demokrácia Műhely');
      expect(byCode.get('BEVE')?.nameHu).toBe('Biztonságos és Élhető Városokért Egyesület');
      for (const seeded of STEERING_COMMITTEE) {
        expect(byCode.get(seeded.code)).toMatchObject({ nameHu: seeded.hu, nameEn: seeded.en, kind: seeded.kind });
      }
      expect(items.every((o) => o.nameHu === o.nameHu.normalize('NFC'))).toBe(true);
    });

    it('sorts by Hungarian name in Hungarian order (case-insensitive, not by code points)', () => {
      const names = items.map((o) => o.nameHu);
      expect(names).toEqual([...names].sort(new Intl.Collator('hu').compare));
      expect(names[0]).toBe('Autonómia Alapítvány');
      // "e-Demokrácia" sorts among the E's, not after every capitalised name
      expect(names.indexOf('e-Demokrácia Műhely')).toBeLessThan(names.indexOf('Homo Oecologicus Alapítvány'));
    });

    it('is public and ignores ?lang=', async () => {
      const res = await request(t.server).get('/api/organisations').query({ lang: 'en' }).expect(200);
      expect(res.body).toEqual(items);
    });
  });

  describe('OrganisationsService', () => {
    it('finds an organisation by id and tells whether one exists', async () => {
      const toosz = (await organisations.list()).find((o) => o.code === 'TÖOSZ');
      expect(toosz).toBeDefined();
      expect(await organisations.findById(toosz!.id)).toMatchObject({ code: 'TÖOSZ' });
      expect(await organisations.exists(toosz!.id)).toBe(true);
      expect(await organisations.exists(randomUUID())).toBe(false);
    });

    it('answers NOT_FOUND (not a database error) for an unknown or malformed id', async () => {
      for (const id of [randomUUID(), 'not-a-uuid', '', "1'; --"]) {
        const error = await organisations.findById(id).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND, args: { what: 'organisation' } });
        if (id !== '' && id.length !== 36) expect(await organisations.exists(id)).toBe(false);
      }
    });
  });
});
