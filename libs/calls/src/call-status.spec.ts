import { callStatus, CallTimeline, isAcceptingSubmissions } from './call-status';

const at = (iso: string) => new Date(iso);

const announced: CallTimeline = {
  announcedAt: at('2026-02-01T09:00:00Z'),
  submissionOpensAt: at('2026-02-15T08:00:00Z'),
  submissionClosesAt: at('2026-03-31T21:59:00Z'),
  scoringStartedAt: null,
  decidedAt: null,
  resultsPublishedAt: null,
};

describe('callStatus', () => {
  it('is draft until announced, whatever the time', () => {
    const draft = { ...announced, announcedAt: null };
    for (const now of ['2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z', '2027-01-01T00:00:00Z']) {
      expect(callStatus(draft, at(now))).toBe('draft');
      expect(isAcceptingSubmissions(draft, at(now))).toBe(false);
    }
  });

  it('is open from the announcement until the deadline, accepting only from the opening', () => {
    expect(callStatus(announced, at('2026-02-10T00:00:00Z'))).toBe('open');
    expect(isAcceptingSubmissions(announced, at('2026-02-10T00:00:00Z'))).toBe(false);
    expect(isAcceptingSubmissions(announced, at('2026-02-15T07:59:59.999Z'))).toBe(false);
    expect(isAcceptingSubmissions(announced, at('2026-02-15T08:00:00Z'))).toBe(true);
  });

  it('closes at the deadline itself: one millisecond before is open, the instant is late', () => {
    expect(callStatus(announced, at('2026-03-31T21:58:59Z'))).toBe('open');
    expect(callStatus(announced, at('2026-03-31T21:58:59.999Z'))).toBe('open');
    expect(isAcceptingSubmissions(announced, at('2026-03-31T21:58:59.999Z'))).toBe(true);
    expect(callStatus(announced, at('2026-03-31T21:59:00Z'))).toBe('closed');
    expect(isAcceptingSubmissions(announced, at('2026-03-31T21:59:00Z'))).toBe(false);
    expect(callStatus(announced, at('2026-03-31T21:59:01Z'))).toBe('closed');
  });

  it('follows scoring, decision and publication, the later step winning', () => {
    const now = at('2026-06-01T00:00:00Z');
    const scoring = { ...announced, scoringStartedAt: at('2026-04-02T08:00:00Z') };
    expect(callStatus(scoring, now)).toBe('scoring');
    const decided = { ...scoring, decidedAt: at('2026-05-20T08:00:00Z') };
    expect(callStatus(decided, now)).toBe('decided');
    const published = { ...decided, resultsPublishedAt: at('2026-05-25T08:00:00Z') };
    expect(callStatus(published, now)).toBe('published');
    expect(isAcceptingSubmissions(published, at('2026-03-01T00:00:00Z'))).toBe(false);
  });
});
