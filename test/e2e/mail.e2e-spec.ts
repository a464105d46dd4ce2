import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Env, overrideEnv } from '@portal/config';
import type { Lang } from '@portal/core';
import { Transactions } from '@portal/database';
import { CapturedMailService, MailService, MailTemplate } from '@portal/mail';
import { QUEUES } from '@portal/queue';
import { SendMailProcessor } from '../../apps/worker/src/send-mail.processor';
import { newUser } from '../factories/users';
import { startSmtpSink, SmtpSink } from '../setup/smtp-sink';
import { eventually as poll } from '../setup/eventually';
import { createTestApp, signIn, TestApp } from '../setup/test-app';
import { isolateQueuePrefix, startTestWorker, TestWorker } from '../setup/test-worker';
import { FileStorage } from '@portal/storage';
import type { MailAttachmentRef } from '@portal/mail';
import { SAMPLES } from '../fixtures/files';

/** What the worker does, within 15 s. */
const eventually = <T>(probe: () => Promise<T | undefined | null | false>): Promise<T> => poll(probe, 15_000);

interface LedgerRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  subject: string | null;
  sent_at: Date | null;
  params: Record<string, unknown>;
}

const address = (label: string): string => `${label}-${randomUUID().slice(0, 8)}@teszt.hu`;
const recipients = (mail: ParsedMail): string[] =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) => to.value.map((v) => v.address ?? ''));

describe('mail pipeline (outbox → BullMQ → worker → SMTP or catcher)', () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    isolateQueuePrefix();
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink.close();
    overrideEnv({ SMTP_URL: '' });
  });

  /**
   * The worker of one configuration (it holds MailService too: a mail decided there goes
   * through the outbox, the relay and BullMQ like one decided by the api), and helpers.
   */
  function harness(smtp: boolean) {
    const h = {} as {
      worker: TestWorker;
      dataSource: DataSource;
      queue: Queue;
      env: Env;
      send(mail: {
        to: string;
        lang: Lang;
        template: MailTemplate;
        params: Record<string, string | number>;
        dedupeKey?: string;
        toName?: string;
        attachments?: MailAttachmentRef[];
      }): Promise<string>;
      ledger(dedupeKey: string): Promise<LedgerRow[]>;
      idle(): Promise<void>;
    };

    beforeAll(async () => {
      overrideEnv({ SMTP_URL: smtp ? sink.url : '' });
      h.worker = await startTestWorker();
      const module = h.worker.module;
      h.dataSource = module.get(DataSource);
      h.queue = module.get<Queue>(getQueueToken(QUEUES.mail));
      h.env = module.get(Env);
      const transactions = module.get(Transactions);
      const mails = module.get(MailService);
      h.send = async ({ dedupeKey = randomUUID(), ...mail }) => {
        await transactions.run((tx) => mails.send(tx, { ...mail, dedupeKey }));
        return dedupeKey;
      };
      h.ledger = (dedupeKey) =>
        h.dataSource.query<LedgerRow[]>(
          'SELECT id, status, attempts, last_error, subject, sent_at, params FROM mail_message WHERE dedupe_key = $1',
          [dedupeKey],
        );
      h.idle = async () => {
        await eventually(async () => {
          const counts = await h.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          return Object.values(counts).every((n) => n === 0);
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
      };
    });

    afterAll(async () => {
      await h.worker?.close();
    });

    return h;
  }

  describe('with an SMTP server', () => {
    const h = harness(true);

    it('delivers a Hungarian mail with its accents intact, and an English one in English', async () => {
      const hu = address('hu');
      const en = address('en');
      const params = { name: 'Őri Dezső', municipality: 'Tiszaűr', loginUrl: 'http://portal.test/login' };
      const key = await h.send({ to: hu, toName: 'Őri Dezső', lang: 'hu', template: 'membership-approved', params });
      await h.send({ to: en, lang: 'en', template: 'membership-approved', params });

      const huMail = await sink.waitFor((m) => recipients(m).includes(hu));
      expect(huMail.subject).toBe('Kérelmét jóváhagytuk – Tiszaűr');
      expect(huMail.text).toContain('Tisztelt Őri Dezső!');
      expect(huMail.text).toContain('a Legjobb Önkormányzati Gyakorlatok program szervezői');
      expect(huMail.html).toContain('Tisztelt Őri Dezső!');
      expect(huMail.html).toContain('<a href="http://portal.test/login">');
      expect(huMail.headers.get('content-language')).toBe('hu');
      const to = huMail.to as { value: Array<{ name: string; address: string }> };
      expect(to.value[0]).toEqual({ name: 'Őri Dezső', address: hu });
      const from = huMail.from as { value: Array<{ address: string }> };
      expect(from.value[0].address).toBe(h.env.MAIL_FROM.match(/<(.+)>/)?.[1]);

      const enMail = await sink.waitFor((m) => recipients(m).includes(en));
      expect(enMail.subject).toBe('Your request has been approved – Tiszaűr');
      expect(enMail.text).toContain('Dear Őri Dezső,');
      expect(enMail.headers.get('content-language')).toBe('en');

      const [row] = await eventually(async () => {
        const rows = await h.ledger(key);
        return rows[0]?.status === 'sent' && rows;
      });
      expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, subject: huMail.subject });
      expect(row.sent_at).toBeInstanceOf(Date);
    });

    it('attaches files from storage, with their accented names, and fails for good when one is gone', async () => {
      const storage = h.worker.module.get(FileStorage);
      const pdf = SAMPLES.pdf;
      const stored = await storage.put(pdf);
      const to = address('attachment');
      await h.send({
        to,
        lang: 'hu',
        template: 'password-changed',
        params: { name: 'Árvíztűrő Tükörfúrógép' },
        attachments: [
          { storageKey: stored.key, filename: 'Beadási igazolás – Győr.pdf', contentType: 'application/pdf' },
        ],
      });
      const mail = await sink.waitFor((m) => recipients(m).includes(to));
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0].filename).toBe('Beadási igazolás – Győr.pdf');
      expect(mail.attachments[0].contentType).toBe('application/pdf');
      expect(mail.attachments[0].content.equals(pdf)).toBe(true);

      const gone = await storage.put(pdf);
      await storage.remove(gone.key);
      const key = await h.send({
        to: address('missing-attachment'),
        lang: 'hu',
        template: 'password-changed',
        params: { name: 'Teszt Elek' },
        attachments: [{ storageKey: gone.key, filename: 'x.pdf', contentType: 'application/pdf' }],
      });
      const [row] = await eventually(async () => {
        const rows = await h.ledger(key);
        return rows[0]?.status === 'failed' && rows;
      });
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row.last_error).toMatch(/missing from storage/);
    });

    it('writes one mail per dedupe key and delivers it once', async () => {
      const to = address('dedupe');
      const dedupeKey = `test:dedupe:${randomUUID()}`;
      const mail = { to, lang: 'hu' as const, template: 'password-changed' as const, params: { name: 'Kis Ödön' } };
      await h.send({ ...mail, dedupeKey });
      await h.send({ ...mail, dedupeKey });

      const rows = await h.ledger(dedupeKey);
      expect(rows).toHaveLength(1);
      const [{ n }] = await h.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM outbox WHERE payload ->> 'mailId' = $1`,
        [rows[0].id],
      );
      expect(n).toBe(1);

      await sink.waitFor((m) => recipients(m).includes(to));
      await h.idle();
      expect(sink.mails.filter((m) => recipients(m).includes(to))).toHaveLength(1);
    });

    it('sends once when the job is delivered twice', async () => {
      const to = address('twice');
      const key = await h.send({ to, lang: 'en', template: 'account-deactivated', params: { name: 'Nagy Éva' } });
      await sink.waitFor((m) => recipients(m).includes(to));
      const [{ id: mailId }] = await h.ledger(key);

      // BullMQ runs a job at least once: the same mail arrives again as another job
      const again = await h.queue.add('send', { mailId }, { jobId: `again-${mailId}` });
      const finished = await eventually(async () => {
        const job = await h.queue.getJob(again.id as string);
        return job && (await job.getState()) === 'completed' && job;
      });
      expect(finished.returnvalue).toBe('already-sent');

      await h.idle();
      expect(sink.mails.filter((m) => recipients(m).includes(to))).toHaveLength(1);
      expect((await h.ledger(key))[0].attempts).toBe(1);
    });

    it('sends once when two deliveries of the same mail race', async () => {
      const to = address('race');
      // a ledger row without an outbox job: only the two handlers below deliver it
      const [{ id: mailId }] = await h.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO mail_message (dedupe_key, to_address, language, template, params)
         VALUES ($1, $2, 'hu', 'password-changed', '{"name": "Fűz Ákos"}') RETURNING id`,
        [randomUUID(), to],
      );
      const processor = h.worker.module.get(SendMailProcessor);
      const job = (id: string) => new Job(h.queue, 'send', { mailId }, { attempts: 8 }, id);

      const outcomes = await Promise.all([processor.process(job('race-1')), processor.process(job('race-2'))]);
      expect(outcomes.sort()).toEqual(['already-sent', 'sent']);
      expect(await processor.process(job('race-3'))).toBe('already-sent');

      const mail = await sink.waitFor((m) => recipients(m).includes(to));
      expect(mail.subject).toBe('Jelszava megváltozott – Legjobb Önkormányzati Gyakorlatok');
      expect(sink.mails.filter((m) => recipients(m).includes(to))).toHaveLength(1);
    });

    it('marks a mail failed, without retrying, when the server refuses it for good (5xx)', async () => {
      const to = address('refused');
      sink.reject({ code: 550, message: 'No such mailbox' });
      try {
        const key = await h.send({ to, lang: 'hu', template: 'password-changed', params: { name: 'Kő Pál' } });
        const [row] = await eventually(async () => {
          const rows = await h.ledger(key);
          return rows[0]?.status === 'failed' && rows;
        });
        expect(row.attempts).toBe(1);
        expect(row.last_error).toContain('550');
        await h.idle();
        expect((await h.ledger(key))[0].attempts).toBe(1);
      } finally {
        sink.reject(null);
      }
      expect(sink.mails.filter((m) => recipients(m).includes(to))).toHaveLength(0);
    });

    it('retries a temporary refusal (4xx) and delivers once the server takes it', async () => {
      const to = address('later');
      sink.reject({ code: 451, message: 'Try again later' });
      let key: string;
      try {
        key = await h.send({ to, lang: 'en', template: 'password-changed', params: { name: 'Kő Pál' } });
        const [row] = await eventually(async () => {
          const rows = await h.ledger(key);
          return rows[0]?.attempts === 1 && rows;
        });
        expect(row).toMatchObject({ status: 'queued' });
        expect(row.last_error).toContain('451');
      } finally {
        sink.reject(null);
      }
      // the first retry comes after the exponential backoff's first delay (5 s)
      await sink.waitFor((m) => recipients(m).includes(to), 20_000);
      const [row] = await eventually(async () => {
        const rows = await h.ledger(key);
        return rows[0]?.status === 'sent' && rows;
      });
      expect(row.attempts).toBe(2);
      expect(row.last_error).toBeNull();
    }, 30_000);

    it('removes the link tokens from the ledger once the mail is sent', async () => {
      const to = address('reset');
      const resetUrl = `http://portal.test/reset?token=${randomUUID()}`;
      const key = await h.send({
        to,
        lang: 'hu',
        template: 'password-reset',
        params: { name: 'Kő Pál', resetUrl, expiresMinutes: 60 },
      });
      const mail = await sink.waitFor((m) => recipients(m).includes(to));
      expect(mail.text).toContain(resetUrl);
      expect(mail.text).toContain('60 percig érvényes');
      const [row] = await eventually(async () => {
        const rows = await h.ledger(key);
        return rows[0]?.status === 'sent' && rows;
      });
      expect(row.params).toEqual({ name: 'Kő Pál', expiresMinutes: 60 });
    });
  });

  describe('with the embedded catcher (no SMTP_URL)', () => {
    const h = harness(false);
    const name = 'Szűcs <Ödön> & társa';
    const to = address('captured');

    it('keeps exactly one copy of a mail, however often it is delivered, and sends nothing', async () => {
      const key = await h.send({
        to,
        toName: name,
        lang: 'hu',
        template: 'registration-received',
        params: { name, municipality: 'Győr' },
      });
      const [{ id: mailId }] = await eventually(async () => {
        const rows = await h.ledger(key);
        return rows[0]?.status === 'sent' && rows;
      });

      // a repeated job finds the mail sent and keeps no second copy
      await h.queue.add('send', { mailId }, { jobId: `again-${mailId}` });
      await h.idle();
      const [{ n }] = await h.dataSource.query<Array<{ n: number }>>(
        'SELECT count(*)::int AS n FROM captured_mail WHERE mail_message_id = $1',
        [mailId],
      );
      expect(n).toBe(1);
      expect(sink.mails.filter((m) => recipients(m).includes(to))).toHaveLength(0);

      // what the catcher kept is the parsed MIME message nodemailer built
      const page = await h.worker.module.get(CapturedMailService).list({ page: 1, pageSize: 5 }, to.toUpperCase());
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({
        mailMessageId: mailId,
        to,
        from: h.env.MAIL_FROM.match(/<(.+)>/)?.[1],
        subject: 'Regisztrációját megkaptuk – Legjobb Önkormányzati Gyakorlatok',
      });
      expect(page.items[0].text).toContain(`Tisztelt ${name}!`);
      expect(page.items[0].text).toContain('Győr önkormányzatának képviseletét');
      expect(page.items[0].html).toContain('Tisztelt Szűcs &lt;Ödön&gt; &amp; társa!');
      expect(page.items[0].html).not.toContain('<Ödön>');
      const [{ raw }] = await h.dataSource.query<Array<{ raw: string }>>(
        'SELECT raw FROM captured_mail WHERE mail_message_id = $1',
        [mailId],
      );
      expect(raw).toMatch(/^Content-Type: multipart\/alternative/m);
      expect(raw).toContain(`Message-ID: <${mailId}@`);
    });

    it('pages and filters the mailbox by recipient', async () => {
      const other = address('other');
      await h.send({ to: other, lang: 'en', template: 'password-changed', params: { name: 'A' } });
      await h.send({ to: other, lang: 'en', template: 'account-deactivated', params: { name: 'A' } });
      const captured = h.worker.module.get(CapturedMailService);
      await eventually(async () => (await captured.list({ page: 1, pageSize: 10 }, other)).total === 2);
      const first = await captured.list({ page: 1, pageSize: 1 }, other);
      const second = await captured.list({ page: 2, pageSize: 1 }, other);
      expect([first.total, first.items.length, second.items.length]).toEqual([2, 1, 1]);
      expect(first.items[0].id).not.toBe(second.items[0].id);
      // newest first
      expect(first.items[0].capturedAt.getTime()).toBeGreaterThanOrEqual(second.items[0].capturedAt.getTime());
      // LIKE wildcards in the filter are taken literally
      expect((await captured.list({ page: 1, pageSize: 10 }, '%')).total).toBe(0);
    });

    describe('GET /api/mails/captured', () => {
      let t: TestApp;

      beforeAll(async () => {
        t = await createTestApp();
      });

      afterAll(async () => {
        await t?.close();
      });

      it('serves the captured mail to a coordinator', async () => {
        const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
        const { agent } = await signIn(t.server, coordinator.email, coordinator.password);
        const res = await agent
          .get('/api/mails/captured')
          .query({ to: to.toUpperCase(), page: 1, pageSize: 5 })
          .expect(200);
        expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 5 });
        const [item] = res.body.items as Array<Record<string, string>>;
        expect(Object.keys(item).sort()).toEqual(['capturedAt', 'from', 'html', 'id', 'subject', 'text', 'to']);
        expect(item).toMatchObject({
          to,
          from: h.env.MAIL_FROM.match(/<(.+)>/)?.[1],
          subject: 'Regisztrációját megkaptuk – Legjobb Önkormányzati Gyakorlatok',
        });
        expect(item.text).toContain(`Tisztelt ${name}!`);
        expect(item.html).toContain('Tisztelt Szűcs &lt;Ödön&gt; &amp; társa!');
        expect(new Date(item.capturedAt).toISOString()).toBe(item.capturedAt);
      });

      it('shows the mailbox to coordinators and admins only', async () => {
        await request(t.server).get('/api/mails/captured').expect(401);
        const applicant = await newUser(t.dataSource, { roles: ['applicant'] });
        const res = await (
          await signIn(t.server, applicant.email, applicant.password)
        ).agent
          .get('/api/mails/captured')
          .expect(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
        const admin = await newUser(t.dataSource, { roles: ['admin'] });
        await (await signIn(t.server, admin.email, admin.password)).agent.get('/api/mails/captured').expect(200);
      });

      it('validates the page query', async () => {
        const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
        const { agent } = await signIn(t.server, coordinator.email, coordinator.password);
        const res = await agent.get('/api/mails/captured').query({ pageSize: 1000 }).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(res.body.error.fields)).toEqual(['pageSize']);
      });
    });
  });
});
