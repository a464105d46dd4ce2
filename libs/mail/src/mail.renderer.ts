import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { I18nService } from 'nestjs-i18n';
import type { Lang } from '@portal/core';
import { escapeHtml, paragraphsToHtml } from './html';
import { checkMailParams, MAIL_TEMPLATES, MailTemplate, PermanentMailError } from './mail-templates';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const ZONE = 'Europe/Budapest';
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const PLACEHOLDER = /\{([^{}]*)\}/g;

/** A marker no translation contains: parameters are put in after translating, never parsed by i18n. */
const token = (index: number): string => `\u{E000}${index}\u{E001}`;
const TOKEN = /\u{E000}(\d+)\u{E001}/gu;

interface Piece {
  key: string;
  /** Parameters this text may use. */
  allowed: readonly string[];
}

/**
 * Renders a template in one language: subject, plain text and an HTML body whose
 * parameters are escaped. Texts come from nestjs-i18n (`mail.<template>.subject|body`,
 * `mail.common.*`); parameters are put in after translation, so a value such as
 * `{name}` or `$t(...)` in a user's name is shown as typed and never interpreted.
 */
@Injectable()
export class MailRenderer {
  private readonly checked = new Set<string>();

  constructor(private readonly i18n: I18nService) {}

  render(template: string, lang: Lang, params: Record<string, unknown>): RenderedMail {
    checkMailParams(template, params);
    const names: readonly string[] = MAIL_TEMPLATES[template];
    const values = names.map((name) => this.display(name, params[name] as string | number, lang));
    const args = Object.fromEntries(names.map((name, index) => [name, token(index)]));

    const translate = (piece: Piece): string => {
      this.checkText(piece, lang);
      return this.i18n.t(piece.key, { lang, args });
    };
    const subject = translate({ key: `mail.${template}.subject`, allowed: names });
    const greeting = translate({ key: 'mail.common.greeting', allowed: ['name'] });
    const body = withoutEmptyLabels(translate({ key: `mail.${template}.body`, allowed: names }), values);
    const closing = translate({ key: 'mail.common.closing', allowed: [] });
    const footer = translate({ key: 'mail.common.footer', allowed: [] });

    const plain = (text: string): string => text.replace(TOKEN, (_, index: string) => values[Number(index)]);
    const html = (text: string): string =>
      escapeHtml(text).replace(TOKEN, (_, index: string) => {
        const i = Number(index);
        return names[i].endsWith('Url') ? link(values[i]) : escapeHtml(values[i]);
      });

    // a subject is one line, whatever the parameters hold
    const subjectLine = plain(subject).replace(/\s+/g, ' ').trim();
    return {
      subject: subjectLine,
      text: [plain(greeting), plain(body), plain(closing), `-- \n${plain(footer)}`].join('\n\n') + '\n',
      html: document(
        lang,
        escapeHtml(subjectLine),
        [paragraphsToHtml(html(greeting)), paragraphsToHtml(html(body)), paragraphsToHtml(html(closing))],
        paragraphsToHtml(html(footer)),
      ),
    };
  }

  /**
   * Problems of the texts of every template in one language: a missing subject or body,
   * or a `{placeholder}` the template has no parameter for. Empty when all is well.
   */
  problems(lang: Lang): string[] {
    const found: string[] = [];
    for (const template of Object.keys(MAIL_TEMPLATES) as MailTemplate[]) {
      for (const part of ['subject', 'body']) {
        try {
          this.checkText({ key: `mail.${template}.${part}`, allowed: MAIL_TEMPLATES[template] }, lang);
        } catch (error) {
          found.push((error as Error).message);
        }
      }
    }
    return found;
  }

  /** Fails when a text is missing or uses a placeholder no parameter fills (string-format would drop it silently). */
  private checkText(piece: Piece, lang: Lang): void {
    const cacheKey = `${lang}:${piece.key}`;
    if (this.checked.has(cacheKey)) return;
    const raw: unknown = this.i18n.t(piece.key, { lang });
    if (typeof raw !== 'string' || raw === piece.key || raw.trim() === '') {
      throw new PermanentMailError(`No text for ${piece.key} in ${lang}`);
    }
    const unknown = [...raw.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !piece.allowed.includes(name));
    if (unknown.length > 0) {
      throw new PermanentMailError(`${piece.key} in ${lang} uses unknown placeholders: ${unknown.join(', ')}`);
    }
    this.checked.add(cacheKey);
  }

  /** How a parameter is shown: instants in Budapest time, role codes translated, the rest as given. */
  private display(name: string, value: string | number, lang: Lang): string {
    const text = String(value);
    if (name.endsWith('At') && ISO_INSTANT.test(text)) {
      const at = DateTime.fromISO(text, { setZone: true });
      if (at.isValid) {
        const local = at.setZone(ZONE).setLocale(lang);
        return lang === 'hu'
          ? local.toFormat('yyyy. MMMM d. HH:mm')
          : `${local.toFormat('d MMMM yyyy, HH:mm')} (Budapest time)`;
      }
    }
    if (name === 'role' && /^[a-z]+$/.test(text)) {
      const key = `mail.roles.${text}`;
      const translated: unknown = this.i18n.t(key, { lang });
      if (typeof translated === 'string' && translated !== key) return translated;
    }
    return text;
  }
}

/**
 * Drops a "Label: {param}" line whose parameter is empty (an invitation without an
 * organisation, a rejection without a reason), and the blank lines it leaves behind.
 */
function withoutEmptyLabels(text: string, values: string[]): string {
  return text
    .split('\n')
    .filter((line) => {
      const tokens = [...line.matchAll(TOKEN)];
      if (tokens.length !== 1 || values[Number(tokens[0][1])].trim() !== '') return true;
      return !/:\s*$/.test(line.replace(TOKEN, '').trimEnd());
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function link(url: string): string {
  const safe = escapeHtml(url);
  return /^https?:\/\//i.test(url) ? `<a href="${safe}">${safe}</a>` : safe;
}

function document(lang: Lang, title: string, main: string[], footer: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    '</head>',
    '<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933">',
    '<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:6px">',
    ...main,
    '</div>',
    `<div style="max-width:560px;margin:16px auto 0;font-size:12px;color:#616e7c">${footer}</div>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
