import { FixedClock } from './clock';
import { currentContext, negotiateLang, runWithContext } from './request-context';

describe('negotiateLang', () => {
  it('defaults to Hungarian', () => {
    expect(negotiateLang(undefined, undefined)).toBe('hu');
    expect(negotiateLang(undefined, 'de-DE,fr;q=0.8')).toBe('hu');
  });

  it('takes ?lang= over the header', () => {
    expect(negotiateLang('en', 'hu')).toBe('en');
    expect(negotiateLang('EN', undefined)).toBe('en');
    expect(negotiateLang('de', 'en')).toBe('en');
  });

  it('honours q-values and order in Accept-Language', () => {
    expect(negotiateLang(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLang(undefined, 'de;q=1,en;q=0.5,hu;q=0.8')).toBe('hu');
    expect(negotiateLang(undefined, 'en;q=0,hu;q=0.1')).toBe('hu');
    expect(negotiateLang(undefined, 'fr, en-US;q=0.7')).toBe('en');
  });
});

describe('request context', () => {
  it('is visible inside the run and gone outside', async () => {
    expect(currentContext()).toBeUndefined();
    await runWithContext({ requestId: 'req-1', lang: 'en' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentContext()).toEqual({ requestId: 'req-1', lang: 'en' });
    });
    expect(currentContext()).toBeUndefined();
  });
});

describe('FixedClock', () => {
  it('stands still until set or advanced', () => {
    const clock = new FixedClock(new Date('2026-03-29T00:59:59Z'));
    expect(clock.now().toISOString()).toBe('2026-03-29T00:59:59.000Z');
    clock.advance(1000);
    expect(clock.now().toISOString()).toBe('2026-03-29T01:00:00.000Z');
    clock.set('2026-10-25T01:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-10-25T01:00:00.000Z');
  });
});
