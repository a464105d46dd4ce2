import type { Lang } from '@portal/core';
import { renderPdf } from '@portal/documents';

export interface WinnerListTheme {
  title: string;
  awards: Array<{ level: string; municipality: string; county: string; title: string }>;
}

export interface WinnerListFacts {
  lang: Lang;
  call: string;
  version: number;
  publishedAt: string;
  sha256: string;
  themes: WinnerListTheme[];
}

const TEXTS = {
  hu: {
    heading: 'A díjazott önkormányzatok listája',
    version: 'Változat',
    published: 'Közzétéve (budapesti idő)',
    none: 'Ebben a témakörben nem adtak ki díjat.',
    digest: 'Az eredmények pillanatképének SHA-256 kivonata',
    certificate: 'Oklevél',
    certifies: 'A Legjobb Önkormányzati Gyakorlatok Programjának Irányító Bizottsága igazolja, hogy',
    received: 'elismerésben részesült:',
  },
  en: {
    heading: 'The awarded local governments',
    version: 'Version',
    published: 'Published (Budapest time)',
    none: 'No award was given in this theme.',
    digest: 'SHA-256 of the results snapshot',
    certificate: 'Certificate',
    certifies: 'The Steering Committee of the Best Practices of Local Governments Programme certifies that',
    received: 'has received the award:',
  },
} as const;

/** The published winner list: per theme, the awards in order. */
export function renderWinnerList(facts: WinnerListFacts): Promise<Buffer> {
  const t = TEXTS[facts.lang];
  return renderPdf({
    info: { title: `${t.heading} – ${facts.call}` },
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content: [
      { text: facts.call, fontSize: 12, color: '#444444' },
      { text: t.heading, fontSize: 18, bold: true, margin: [0, 4, 0, 4] },
      {
        text: `${t.version}: ${facts.version} · ${t.published}: ${facts.publishedAt}`,
        fontSize: 9,
        margin: [0, 0, 0, 12],
      },
      ...facts.themes.flatMap((theme) => [
        { text: theme.title, fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
        theme.awards.length
          ? {
              table: {
                widths: [90, 120, '*'],
                body: theme.awards.map((a) => [
                  { text: a.level, bold: true },
                  { text: `${a.municipality}\n${a.county}` },
                  { text: a.title },
                ]),
              },
              layout: 'lightHorizontalLines',
            }
          : { text: t.none, italics: true },
      ]),
      { text: `${t.digest}: ${facts.sha256}`, fontSize: 7, color: '#555555', margin: [0, 18, 0, 0] },
    ],
  });
}

export interface CertificateFacts {
  lang: Lang;
  call: string;
  municipality: string;
  theme: string;
  title: string;
  level: string;
  publishedAt: string;
}

/** The certificate of one awarded municipality. */
export function renderCertificate(facts: CertificateFacts): Promise<Buffer> {
  const t = TEXTS[facts.lang];
  return renderPdf({
    info: { title: `${t.certificate} – ${facts.municipality}` },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [64, 72, 64, 72],
    defaultStyle: { font: 'Roboto', fontSize: 13, alignment: 'center' },
    content: [
      { text: facts.call, fontSize: 14, color: '#444444' },
      { text: t.certificate.toUpperCase(), fontSize: 34, bold: true, margin: [0, 16, 0, 24] },
      { text: t.certifies },
      { text: facts.municipality, fontSize: 24, bold: true, margin: [0, 12, 0, 12] },
      ...(facts.lang === 'hu'
        ? [{ text: `„${facts.title}” című gyakorlatáért` }, { text: `a(z) „${facts.theme}” témakörben` }]
        : [{ text: `for its practice “${facts.title}”` }, { text: `in the theme “${facts.theme}”` }]),
      { text: t.received, margin: [0, 12, 0, 0] },
      { text: facts.level, fontSize: 22, bold: true, margin: [0, 8, 0, 28] },
      { text: facts.publishedAt, fontSize: 11, color: '#444444' },
    ],
  });
}
