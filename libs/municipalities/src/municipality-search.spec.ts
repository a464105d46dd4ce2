import { escapeLike, isKshCode, namePatterns } from './municipality-search';

describe('isKshCode', () => {
  it.each(['04880', '25584', '00000', '99999'])('accepts %s', (code) => {
    expect(isKshCode(code)).toBe(true);
  });

  it.each(['4880', '048800', 'abcde', '0488a', ' 04880', '04880 ', '', '٠٤٨٨٠', 4880, null, undefined])(
    'refuses %p',
    (code) => {
      expect(isKshCode(code)).toBe(false);
    },
  );
});

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%')).toBe('100\\%');
    expect(escapeLike('a_b')).toBe('a\\_b');
    expect(escapeLike('a\\b')).toBe('a\\\\b');
    expect(escapeLike('%_\\')).toBe('\\%\\_\\\\');
  });

  it('leaves other text alone', () => {
    expect(escapeLike('budapest 01. ker.')).toBe('budapest 01. ker.');
  });
});

describe('namePatterns', () => {
  it('folds the search text like the name_folded column', () => {
    expect(namePatterns('  GYŐR ')).toEqual({ exact: 'gyor', prefix: 'gyor%', contains: '%gyor%' });
  });

  it('escapes wildcards typed by the user', () => {
    expect(namePatterns('a%b_')).toEqual({ exact: 'a%b_', prefix: 'a\\%b\\_%', contains: '%a\\%b\\_%' });
  });

  it.each([undefined, '', '   ', '\u0301'])('is null for %p (nothing to search for)', (q) => {
    expect(namePatterns(q)).toBeNull();
  });
});
