import { MESSAGES } from './src/i18n/messages';

describe('the web portal’s common texts', () => {
  it('counts down in English with singular and plural nouns', () => {
    expect(MESSAGES.en.countdown(1, 1, 1, 1)).toBe('1 day 1 hour 1 minute 1 second');
    expect(MESSAGES.en.countdown(2, 0, 5, 59)).toBe('2 days 0 hours 5 minutes 59 seconds');
    expect(MESSAGES.hu.countdown(1, 2, 3, 4)).toBe('1 nap 2 óra 3 perc 4 másodperc');
  });

  it('names the portal in each language, and has a text for a server that cannot be reached', () => {
    expect(MESSAGES.hu.portalTitle).toBe('LÖGY portál');
    expect(MESSAGES.en.portalTitle).toBe('LÖGY portal');
    expect(MESSAGES.hu.networkError).toMatch(/szerver nem érhető el/);
    expect(MESSAGES.en.networkError).toMatch(/server cannot be reached/);
  });
});
