import fc from 'fast-check';
import { foldText, normaliseEmail } from './text';

describe('foldText', () => {
  it.each([
    ['Győr', 'gyor'],
    ['GYŐR', 'gyor'],
    ['győr', 'gyor'],
    ['Gyor', 'gyor'],
    ['Hódmezővásárhely', 'hodmezovasarhely'],
    ['Tiszaújváros', 'tiszaujvaros'],
    ['Füzesgyarmat', 'fuzesgyarmat'],
    ['Budapest 01. ker.', 'budapest 01. ker.'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('drops the double acute of ő and ű, small and capital', () => {
    expect(foldText('ő ű Ő Ű')).toBe('o u o u');
    expect(foldText('Ősz Űrhajó')).toBe('osz urhajo');
  });

  it('folds every accented letter of the Hungarian alphabet to its base letter', () => {
    expect(foldText('ÁÉÍÓÖŐÚÜŰ')).toBe('aeiooouuu');
    expect(foldText('áéíóöőúüű')).toBe('aeiooouuu');
  });

  it('treats decomposed text (letter + combining mark) like precomposed text', () => {
    const decomposed = 'Gyo\u030Br'; // o + COMBINING DOUBLE ACUTE ACCENT
    const precomposed = 'Gy\u0151r'; // ő
    expect(decomposed).not.toBe(precomposed);
    expect(foldText(decomposed)).toBe('gyor');
    expect(foldText(precomposed)).toBe('gyor');
    expect(foldText('U\u0308\u0301')).toBe('u'); // U + diaeresis + acute: every mark goes
    expect(foldText('\u0301\u030B')).toBe(''); // marks alone leave nothing
  });

  it('trims and collapses whitespace of any kind to one space', () => {
    expect(foldText('  Budapest \t 01.\n\nker.  ')).toBe('budapest 01. ker.');
    expect(foldText('Szent\u00A0\u2003István')).toBe('szent istvan'); // no-break space, em space
    expect(foldText(' \t\n ')).toBe('');
    expect(foldText('')).toBe('');
  });

  it('keeps digits, hyphens and dots', () => {
    expect(foldText('Borsod-Abaúj-Zemplén 3.')).toBe('borsod-abauj-zemplen 3.');
  });

  it('is idempotent and leaves no capitals, marks or untidy spaces, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const folded = foldText(text);
        expect(foldText(folded)).toBe(folded);
        expect(folded).toBe(folded.toLowerCase());
        expect(folded.normalize('NFD')).not.toMatch(/\p{M}/u);
        expect(folded).not.toMatch(/^\s|\s$|\s\s|[^\S ]/);
      }),
    );
  });

  it('is the same for Hungarian text in any case and composition', () => {
    const letters = fc.constantFrom(...'aábcdeéfghiíjklmnoóöőpqrstuúüűvwxyz '.split(''));
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        const folded = foldText(text);
        expect(foldText(text.toUpperCase())).toBe(folded);
        expect(foldText(text.normalize('NFD'))).toBe(folded);
        expect(folded).toMatch(/^[a-z ]*$/);
      }),
    );
  });
});

describe('normaliseEmail', () => {
  it('trims and lowercases', () => {
    expect(normaliseEmail('  Kovacs.Anna@Example.HU ')).toBe('kovacs.anna@example.hu');
  });
});
