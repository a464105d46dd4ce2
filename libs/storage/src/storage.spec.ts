import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnv } from '@portal/config';
import { FixedClock } from '@portal/core';
import { detectAttachmentKind } from './file-kinds';
import { attachmentDisposition, safeDisplayName } from './filenames';
import { LocalDiskStorage } from './local-disk.storage';
import { SAMPLES, zip } from '../../../test/fixtures/files';

describe('detectAttachmentKind', () => {
  it.each(['pdf', 'png', 'jpg', 'docx', 'xlsx', 'odt'] as const)('recognises a %s by its bytes', async (kind) => {
    expect((await detectAttachmentKind(SAMPLES[kind]))?.ext).toBe(kind);
  });

  it('refuses an .exe whatever it is called, plain text, a plain zip and nothing at all', async () => {
    expect(await detectAttachmentKind(SAMPLES.exe)).toBeNull();
    expect(await detectAttachmentKind(Buffer.from('Árvíztűrő tükörfúrógép\n'))).toBeNull();
    expect(await detectAttachmentKind(zip([['a.txt', 'x']]))).toBeNull();
    expect(await detectAttachmentKind(Buffer.alloc(0))).toBeNull();
  });
});

describe('safeDisplayName', () => {
  it('keeps accents and uses the detected extension, not the claimed one', () => {
    expect(safeDisplayName('Árvíztűrő tükörfúrógép.exe', 'pdf')).toBe('Árvíztűrő tükörfúrógép.pdf');
  });

  it('drops path parts, control characters and forbidden characters', () => {
    expect(safeDisplayName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeDisplayName('..\\..\\windows\\system32\\cmd.exe', 'png')).toBe('cmd.png');
    expect(safeDisplayName('a\u0000b\u202ec<d>:e"f|g?h*.pdf', 'pdf')).toBe('abcdefgh.pdf');
    expect(safeDisplayName('../', 'pdf')).toBe('melleklet.pdf');
    expect(safeDisplayName('...', 'jpg')).toBe('melleklet.jpg');
  });

  it('bounds the length', () => {
    expect(Array.from(safeDisplayName(`${'ő'.repeat(400)}.pdf`, 'pdf'))).toHaveLength(154);
  });
});

describe('attachmentDisposition', () => {
  it('sends an ASCII fallback and the UTF-8 name', () => {
    const header = attachmentDisposition('Győztesek listája.pdf');
    expect(header).toBe(
      `attachment; filename="Gy?ztesek list?ja.pdf"; filename*=UTF-8''Gy%C5%91ztesek%20list%C3%A1ja.pdf`,
    );
    expect(attachmentDisposition('a"b\r\nc.pdf')).not.toMatch(/[\r\n]/);
  });
});

describe('LocalDiskStorage', () => {
  let dir: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logy-storage-'));
    storage = new LocalDiskStorage(validateEnv({ STORAGE_DIR: dir }), new FixedClock(new Date('2026-03-29T01:30:00Z')));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores under a server-made key and reads the same bytes back', async () => {
    const stored = await storage.put(SAMPLES.pdf);
    expect(stored.key).toMatch(/^2026\/03\/[0-9a-f-]{36}$/);
    expect(stored.size).toBe(SAMPLES.pdf.length);
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.read(stored.key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(SAMPLES.pdf)).toBe(true);
    expect(await readdir(join(dir, '2026', '03'))).toEqual([stored.key.split('/')[2]]);
    await storage.remove(stored.key);
    expect(await storage.exists(stored.key)).toBe(false);
  });

  it('refuses keys it did not make, so nothing outside its folder can be read', async () => {
    await expect(storage.read('../../etc/passwd')).rejects.toThrow('NOT_FOUND');
    await expect(storage.read('2026/03/../../../etc/passwd')).rejects.toThrow('NOT_FOUND');
    await expect(storage.read('2026/03/00000000-0000-0000-0000-000000000000')).rejects.toThrow('NOT_FOUND');
    expect(await storage.exists('/etc/passwd')).toBe(false);
  });
});
