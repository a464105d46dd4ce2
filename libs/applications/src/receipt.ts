import type { Lang } from '@portal/core';
import { renderPdf } from '@portal/documents';
import type { SubmittedAttachment } from './application-content';
import { formatBudapestTime } from './budapest-format';

export interface ReceiptFacts {
  lang: Lang;
  programme: string;
  call: string;
  theme: string;
  municipality: string;
  kshCode: string;
  title: string;
  applicationId: string;
  number: number;
  receivedAt: Date;
  submittedBy: string;
  sha256: string;
  attachments: SubmittedAttachment[];
}

const TEXTS = {
  hu: {
    heading: 'Átvételi elismervény',
    intro:
      'A pályázatot a portál az alábbi időpontban átvette. Ez az elismervény igazolja a beadás idejét és a beadott tartalmat.',
    programme: 'Program',
    call: 'Felhívás',
    municipality: 'Önkormányzat',
    theme: 'Témakör',
    title: 'A pályázat címe',
    applicationId: 'Pályázat azonosítója',
    number: 'Beadás sorszáma',
    receivedAt: 'Átvétel időpontja (budapesti idő)',
    submittedBy: 'Beadta',
    sha256: 'A beadott tartalom SHA-256 kivonata',
    attachments: 'Mellékletek',
    none: 'nincs',
    note: 'A kivonat a beadott űrlap és a mellékletek SHA-256 kivonatainak kanonikus JSON-alakjából készült; bármely utólagos változtatás más kivonatot adna.',
  },
  en: {
    heading: 'Receipt of submission',
    intro:
      'The portal received the application at the time below. This receipt certifies the time of submission and the content submitted.',
    programme: 'Programme',
    call: 'Call',
    municipality: 'Local government',
    theme: 'Theme',
    title: 'Title of the application',
    applicationId: 'Application id',
    number: 'Submission number',
    receivedAt: 'Received at (Budapest time)',
    submittedBy: 'Submitted by',
    sha256: 'SHA-256 of the submitted content',
    attachments: 'Attachments',
    none: 'none',
    note: 'The digest is taken of the canonical JSON of the submitted form and the SHA-256 digests of its attachments; any later change would give another digest.',
  },
} as const;

/** The receipt PDF of one submission, in the submitter's language. */
export function renderReceipt(facts: ReceiptFacts): Promise<Buffer> {
  const t = TEXTS[facts.lang];
  const row = (label: string, value: string) => [{ text: label, bold: true }, { text: value }];
  return renderPdf({
    info: { title: `${t.heading} – ${facts.title}` },
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content: [
      { text: t.heading, fontSize: 18, bold: true, margin: [0, 0, 0, 8] },
      { text: t.intro, margin: [0, 0, 0, 12] },
      {
        table: {
          widths: [150, '*'],
          body: [
            row(t.programme, facts.programme),
            row(t.call, facts.call),
            row(t.municipality, `${facts.municipality} (KSH ${facts.kshCode})`),
            row(t.theme, facts.theme),
            row(t.title, facts.title),
            row(t.applicationId, facts.applicationId),
            row(t.number, String(facts.number)),
            row(t.receivedAt, formatBudapestTime(facts.receivedAt, facts.lang)),
            row(t.submittedBy, facts.submittedBy),
            row(t.sha256, facts.sha256),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: t.attachments, bold: true, margin: [0, 14, 0, 4] },
      facts.attachments.length
        ? {
            ul: facts.attachments.map((a) => ({ text: `${a.displayName} – SHA-256 ${a.sha256}`, fontSize: 8 })),
          }
        : { text: t.none },
      { text: t.note, fontSize: 8, color: '#555555', margin: [0, 16, 0, 0] },
    ],
  });
}
