import request from 'supertest';
import { newCall } from '../factories/calls';
import { anyMunicipalities } from '../factories/municipalities';
import { auditRows, newUser } from '../factories/users';
import { SAMPLES } from '../fixtures/files';
import { createTestApp, signIn, SignedIn, TestApp } from '../setup/test-app';

const HUNGARIAN = 'Árvíztűrő tükörfúrógép';

/** Reads a download's bytes whatever its content type. */
function binary(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

describe('application attachments (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-01T10:00:00Z' });
  });

  afterAll(async () => {
    await t.close();
  });

  async function draftWithMember(): Promise<{ s: SignedIn; id: string; userId: string }> {
    const [mun] = anyMunicipalities(1);
    const call = await newCall(t.dataSource);
    t.clock.set('2026-03-01T10:00:00Z');
    const user = await newUser(t.dataSource, { municipalityKsh: mun.kshCode });
    const s = await signIn(t.server, user.email, user.password);
    const res = await s.agent
      .post(`/api/calls/${call.id}/applications`)
      .set('X-CSRF-Token', s.csrf)
      .send({ themeId: call.themes[0].id, municipalityKsh: mun.kshCode })
      .expect(201);
    return { s, id: res.body.id as string, userId: user.id };
  }

  const upload = (s: SignedIn, id: string, content: Buffer, name: string) =>
    s.agent.post(`/api/applications/${id}/attachments`).set('X-CSRF-Token', s.csrf).attach('file', content, name);

  it('stores an accepted kind under a server key, with a safe name, and downloads the same bytes', async () => {
    const { s, id, userId } = await draftWithMember();
    const res = await upload(s, id, SAMPLES.pdf, `${HUNGARIAN}.pdf`).expect(201);
    expect(res.body).toMatchObject({
      displayName: `${HUNGARIAN}.pdf`,
      kind: 'pdf',
      mime: 'application/pdf',
      sizeBytes: SAMPLES.pdf.length,
    });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    t.clock.advance(1000);
    // a path in the name is dropped: the file is stored under a server-made key
    const traversal = await upload(s, id, SAMPLES.png, '../../../etc/passwd.png').expect(201);
    expect(traversal.body.displayName).toBe('passwd.png');
    const [row]: Array<{ storage_key: string }> = await t.dataSource.query(
      'SELECT storage_key FROM application_attachment WHERE id = $1',
      [traversal.body.id],
    );
    expect(row.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);

    t.clock.advance(1000);
    // the kind comes from the bytes: a DOCX called .pdf is a DOCX
    const docx = await upload(s, id, SAMPLES.docx, 'jelentés.pdf').expect(201);
    expect(docx.body).toMatchObject({ kind: 'docx', displayName: 'jelentés.docx' });

    const download = await binary(s.agent.get(`/api/applications/${id}/attachments/${res.body.id}`)).expect(200);
    expect((download.body as Buffer).equals(SAMPLES.pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="?rv?zt?r? t?k?rf?r?g?p.pdf"; filename*=UTF-8''%C3%81rv%C3%ADzt%C5%B1r%C5%91%20t%C3%BCk%C3%B6rf%C3%BAr%C3%B3g%C3%A9p.pdf`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const list = await s.agent.get(`/api/applications/${id}/attachments`).expect(200);
    expect(list.body.map((a: { displayName: string }) => a.displayName)).toEqual([
      `${HUNGARIAN}.pdf`,
      'passwd.png',
      'jelentés.docx',
    ]);

    await s.agent.delete(`/api/applications/${id}/attachments/${docx.body.id}`).set('X-CSRF-Token', s.csrf).expect(204);
    const after = await s.agent.get(`/api/applications/${id}/attachments`).expect(200);
    expect(after.body).toHaveLength(2);

    const audit = await auditRows(t.dataSource, id);
    expect(audit.map((a) => a.action)).toEqual([
      'application.created',
      'application.attachment_added',
      'application.attachment_added',
      'application.attachment_added',
      'application.attachment_removed',
    ]);
    expect(audit[1]).toMatchObject({ actor_id: userId, changes: { kind: 'pdf', displayName: `${HUNGARIAN}.pdf` } });
  });

  it('refuses an .exe renamed .pdf, plain text and a missing file with 400 naming the field, storing nothing', async () => {
    const { s, id } = await draftWithMember();
    for (const [content, name] of [
      [SAMPLES.exe, 'palyazat.pdf'],
      [Buffer.from(`${HUNGARIAN}\n`), 'szoveg.pdf'],
    ] as const) {
      const res = await upload(s, id, content, name).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields)).toEqual(['file']);
    }
    const none = await s.agent.post(`/api/applications/${id}/attachments`).set('X-CSRF-Token', s.csrf).expect(400);
    expect(Object.keys(none.body.error.fields)).toEqual(['file']);
    const rows: unknown[] = await t.dataSource.query('SELECT 1 FROM application_attachment WHERE application_id = $1', [
      id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a file over 20 MB with 413 and an 11th attachment with 409', async () => {
    const { s, id } = await draftWithMember();
    const big = Buffer.concat([SAMPLES.pdf, Buffer.alloc(20 * 1024 * 1024)]);
    const tooLarge = await upload(s, id, big, 'nagy.pdf').expect(413);
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    for (let i = 0; i < 10; i++) await upload(s, id, SAMPLES.png, `kép-${i}.png`).expect(201);
    const eleventh = await upload(s, id, SAMPLES.png, 'kép-10.png').expect(409);
    expect(eleventh.body.error.code).toBe('ATTACHMENT_LIMIT_REACHED');
  });

  it('freezes the attachments of a submitted application, and its digest covers them', async () => {
    const { s, id } = await draftWithMember();
    const file = await upload(s, id, SAMPLES.xlsx, 'költségvetés.xlsx').expect(201);
    const content = {
      title: HUNGARIAN,
      summary: 'Összefoglaló',
      problem: 'Probléma',
      practice: 'Gyakorlat',
      results: 'Eredmények: 120 résztvevő',
      costHuf: 100000,
      communityParticipation: 'Részvétel',
      sustainability: 'Fenntarthatóság',
      adoption: 'Átvehetőség',
      startDate: '2018-05-01',
      contact: { name: 'Őri Dezső', position: 'jegyző', email: 'ori@teszt.hu', phone: '+36 1 234 5678' },
    };
    await s.agent
      .patch(`/api/applications/${id}`)
      .set('X-CSRF-Token', s.csrf)
      .send({ version: 1, content })
      .expect(200);
    const submitted = await s.agent.post(`/api/applications/${id}/submit`).set('X-CSRF-Token', s.csrf).expect(201);
    const [snapshot]: Array<{ attachments: Array<{ sha256: string; displayName: string }> }> = await t.dataSource.query(
      'SELECT attachments FROM application_submission WHERE application_id = $1',
      [id],
    );
    expect(snapshot.attachments).toEqual([
      expect.objectContaining({ displayName: 'költségvetés.xlsx', sha256: file.body.sha256 }),
    ]);
    expect(submitted.body.submission.sha256).toMatch(/^[0-9a-f]{64}$/);

    const more = await upload(s, id, SAMPLES.png, 'utólag.png').expect(409);
    expect(more.body.error.code).toBe('APPLICATION_WRONG_STATUS');
    await s.agent.delete(`/api/applications/${id}/attachments/${file.body.id}`).set('X-CSRF-Token', s.csrf).expect(409);
  });
});
