import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { validateEnv } from '@portal/config';
import { FixedClock } from '@portal/core';
import { detectAttachmentKind } from './file-kinds';
import { attachmentDisposition, safeDisplayName } from './filenames';
import { LocalDiskStorage } from './local-disk.storage';

/** A minimal ZIP (stored, uncompressed) holding the given entries, as office files are. */
function zip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.${
    main.startsWith('word') ? 'wordprocessingml.document.main+xml' : 'spreadsheetml.sheet.main+xml'
  }"/></Types>`;

export const SAMPLES = {
  pdf: Buffer.from(
    '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  ),
  png: Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
    'hex',
  ),
  jpg: Buffer.concat([
    Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
    Buffer.alloc(64),
    Buffer.from('ffd9', 'hex'),
  ]),
  docx: zip([
    ['[Content_Types].xml', contentTypes('word/document.xml')],
    ['word/document.xml', '<w:document/>'],
  ]),
  xlsx: zip([
    ['[Content_Types].xml', contentTypes('xl/workbook.xml')],
    ['xl/workbook.xml', '<workbook/>'],
  ]),
  odt: zip([
    ['mimetype', 'application/vnd.oasis.opendocument.text'],
    ['content.xml', '<office:document-content/>'],
  ]),
  exe: Buffer.concat([
    Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000', 'hex'),
    Buffer.alloc(200),
  ]),
};

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
