import { readFileSync } from 'node:fs';
import { Test } from '@nestjs/testing';
import { CoreModule, fromRoot, Lang, LANGS } from '@portal/core';
import { MAIL_TEMPLATE_NAMES, MAIL_TEMPLATES, MailTemplate, PermanentMailError } from './mail-templates';
import { MailRenderer } from './mail.renderer';

const SAMPLE: Record<string, string | number> = {
  name: 'Kovács Őrs',
  municipality: 'Tiszaűr',
  loginUrl: 'http://portal.test/login',
  reason: 'A meghatalmazás hiányzik.',
  role: 'juror',
  organisation: 'Belügyminisztérium',
  inviter: 'Dr. Zongor Gábor',
  acceptUrl: 'http://portal.test/invitation?token=abc&x=1',
  expiresAt: '2026-12-01T13:00:00.000Z',
  resetUrl: 'http://portal.test/reset?token=def',
  expiresMinutes: 60,
  call: 'Legjobb Önkormányzati Gyakorlatok 2026',
  theme: 'Idősgondozás',
  title: 'Árvíztűrő tükörfúrógép',
  submittedBy: 'Szűcs Ödön',
  number: 1,
  received: '2026. március 31. 23:58:59',
  sha256: 'a'.repeat(64),
  receiptUrl: 'http://portal.test/api/applications/x/submissions/1/receipt',
  deadline: '2026. április 10. 12:00:00',
  round: '1. forduló – írásbeli értékelés',
  unfinished: 3,
  closesAt: '2026-06-30T21:59:00.000Z',
  scoringUrl: 'http://portal.test/jury',
  assignments: 81,
  submitted: 54,
  percent: 67,
  jurorsBehind: 'Szőke Ünige (2), Kovács Őrs (1)',
  progressUrl: 'http://portal.test/rounds/x/progress',
  outcome: 'Különdíj',
  feedback: '– Kiemelkedő közösségi részvétel, jól dokumentált eredmények.',
  resultsUrl: 'http://portal.test/results/2026',
};

function paramsOf(template: MailTemplate): Record<string, string | number> {
  return Object.fromEntries(MAIL_TEMPLATES[template].map((name) => [name, SAMPLE[name]]));
}

function mailJson(lang: Lang): Record<string, Record<string, string>> {
  return JSON.parse(readFileSync(fromRoot(`libs/core/src/i18n/${lang}/mail.json`), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
}

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('MailRenderer', () => {
  let renderer: MailRenderer;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule], providers: [MailRenderer] }).compile();
    await moduleRef.init();
    renderer = moduleRef.get(MailRenderer);
  });

  it('has the same texts in Hungarian and English, a subject and a body for every template', () => {
    const hu = mailJson('hu');
    const en = mailJson('en');
    expect(keysOf(en).sort()).toEqual(keysOf(hu).sort());
    for (const lang of LANGS) {
      const texts = mailJson(lang);
      for (const template of MAIL_TEMPLATE_NAMES) {
        expect(texts[template]?.subject?.trim()).toBeTruthy();
        expect(texts[template]?.body?.trim()).toBeTruthy();
      }
      expect(renderer.problems(lang)).toEqual([]);
    }
  });

  describe.each(MAIL_TEMPLATE_NAMES.flatMap((template) => LANGS.map((lang) => [template, lang] as const)))(
    '%s in %s',
    (template, lang) => {
      const params = paramsOf(template);
      const mail = () => renderer.render(template, lang, params);

      it('has a one-line subject, a greeting, a body, a closing, and no placeholder left', () => {
        const { subject, text, html } = mail();
        expect(subject.length).toBeGreaterThan(5);
        expect(subject).not.toMatch(/[\r\n]/);
        expect(text.startsWith(lang === 'hu' ? 'Tisztelt Kovács Őrs!' : 'Dear Kovács Őrs,')).toBe(true);
        expect(text).toContain('Legjobb Önkormányzati Gyakorlatok');
        for (const rendered of [subject, text, html]) {
          expect(rendered).not.toMatch(/\{[^{}\s]*\}/);
          expect(rendered).not.toMatch(/[\u{E000}\u{E001}]/u);
          expect(rendered).not.toMatch(/\bmail\.(common|roles|[a-z]+-?[a-z-]*)\.[a-z]+\b/);
        }
        expect(html).toContain(`<html lang="${lang}">`);
      });

      it('shows every parameter in the text', () => {
        const { text } = mail();
        for (const name of MAIL_TEMPLATES[template]) {
          if (name === 'role' || name.endsWith('At')) continue; // shown translated / formatted as Budapest time
          expect(text).toContain(String(params[name]));
        }
      });
    },
  );

  it('writes Hungarian with its accents, formally', () => {
    const { subject, text } = renderer.render('membership-approved', 'hu', paramsOf('membership-approved'));
    expect(subject).toBe('Kérelmét jóváhagytuk – Tiszaűr');
    expect(text).toContain('Tisztelt Kovács Őrs!');
    expect(text).toContain('Örömmel értesítjük');
    expect(text).toContain('a Legjobb Önkormányzati Gyakorlatok program szervezői');
  });

  it('writes English for an English recipient', () => {
    const { subject, text } = renderer.render('membership-approved', 'en', paramsOf('membership-approved'));
    expect(subject).toBe('Your request has been approved – Tiszaűr');
    expect(text).toContain('We are pleased to let you know');
  });

  it('translates role codes and shows instants in Budapest time', () => {
    const hu = renderer.render('invitation', 'hu', paramsOf('invitation')).text;
    expect(hu).toContain('Szerepkör: zsűritag');
    expect(hu).toContain('A meghívó 2026. december 1. 14:00 időpontig érvényes.');
    const en = renderer.render('invitation', 'en', paramsOf('invitation')).text;
    expect(en).toContain('Role: jury member');
    expect(en).toContain('valid until 1 December 2026, 14:00 (Budapest time)');
  });

  it('escapes parameters in the HTML body and links only http(s) URLs', () => {
    const name = '<script>alert("x")</script> & Ő';
    const { html, text } = renderer.render('invitation', 'en', { ...paramsOf('invitation'), name, inviter: "O'Brien" });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Ő');
    expect(html).toContain('O&#39;Brien');
    expect(html).toContain(
      '<a href="http://portal.test/invitation?token=abc&amp;x=1">http://portal.test/invitation?token=abc&amp;x=1</a>',
    );
    expect(text).toContain(`Dear ${name},`);

    const notALink = renderer.render('membership-approved', 'en', {
      ...paramsOf('membership-approved'),
      loginUrl: 'javascript:alert(1)',
    }).html;
    expect(notALink).not.toContain('href="javascript');
  });

  it('shows placeholders and i18n syntax inside parameters as typed', () => {
    const name = '{municipality} $t(mail.common.footer)';
    const { text, subject } = renderer.render('membership-rejected', 'hu', {
      ...paramsOf('membership-rejected'),
      name,
      municipality: 'Győr\r\nBcc: x@example.com',
    });
    expect(text).toContain(`Tisztelt ${name}!`);
    expect(subject).toBe('Kérelmét nem hagytuk jóvá – Győr Bcc: x@example.com');
  });

  it('leaves out a labelled line whose parameter is empty', () => {
    const { text, html } = renderer.render('invitation', 'hu', {
      ...paramsOf('invitation'),
      role: 'coordinator',
      organisation: '',
    });
    expect(text).toContain('Szerepkör: koordinátor\n\nA meghívó elfogadásához');
    expect(text).not.toContain('Szervezet:');
    expect(html).not.toContain('Szervezet:');
    const rejected = renderer.render('membership-rejected', 'en', {
      ...paramsOf('membership-rejected'),
      reason: ' ',
    }).text;
    expect(rejected).not.toContain('Reason:');
    expect(rejected).not.toMatch(/\n{3,}/);
  });

  it('refuses an unknown template and missing or malformed parameters', () => {
    expect(() => renderer.render('no-such-mail', 'hu', {})).toThrow(PermanentMailError);
    expect(() => renderer.render('password-reset', 'hu', { name: 'A', resetUrl: 'http://x' })).toThrow(
      /expiresMinutes is missing/,
    );
    expect(() => renderer.render('password-changed', 'en', { name: { first: 'A' } })).toThrow(PermanentMailError);
  });
});
