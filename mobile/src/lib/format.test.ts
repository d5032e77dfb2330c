import {
  formatCost,
  formatRequester,
  formatReviewer,
  formatWaited,
  formatDate,
  formatProvenance,
  formatRelative,
  formatRelativeLong,
} from './format';

const now = new Date('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('relative dates', () => {
  it.each([
    [ago(20_000), 'now', 'just now'],
    [ago(-30_000), 'now', 'just now'], // a server clock a little ahead
    [ago(5 * MIN), '5m', '5 minutes ago'],
    [ago(1 * MIN), '1m', '1 minute ago'],
    [ago(3 * HOUR), '3h', '3 hours ago'],
    [ago(30 * HOUR), '1d', 'yesterday'],
    [ago(3 * DAY), '3d', '3 days ago'],
    [ago(10 * DAY), 'Nov 20', 'Nov 20'],
    ['2025-02-03T10:00:00Z', 'Feb 3, 2025', 'Feb 3, 2025'],
    ['not a date', '', ''],
  ])('%s → %s / %s', (iso, short, long) => {
    expect(formatRelative(iso, now)).toBe(short);
    expect(formatRelativeLong(iso, now)).toBe(long);
  });

  it('leaves the year out only for this year', () => {
    expect(formatDate('2026-03-01T00:00:00Z', now)).toBe('Mar 1');
    expect(formatDate('2024-03-01T00:00:00Z', now)).toBe('Mar 1, 2024');
  });
});

describe('formatProvenance', () => {
  it.each([
    [
      { offline: true, provider: 'offline', models: { text: 'offline-text', image: 'offline-image' } },
      /^A sample post: the built-in stand-in wrote it, not an AI model/,
    ],
    [
      { offline: false, provider: 'openai', models: { text: 'gpt-4.1-mini', image: 'gpt-image-1' } },
      /^Written by AI \(gpt-4\.1-mini\), illustrated with gpt-image-1\.$/,
    ],
    [{ offline: false, provider: 'openai', models: { text: null, image: null } }, /^Written by AI\.$/],
  ])('says who made the post in a reader’s words (%#)', (post, expected) => {
    expect(formatProvenance(post)).toMatch(expected);
    expect(formatProvenance(post)).not.toMatch(/offline-text|provider|cost|\$/);
  });
});

describe('review queue wording', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  it.each([
    ['2026-11-30T11:59:30Z', 'less than a minute'],
    ['2026-11-30T11:59:00Z', '1 minute'],
    ['2026-11-30T11:15:00Z', '45 minutes'],
    ['2026-11-30T09:00:00Z', '3 hours'],
    ['2026-11-29T12:00:00Z', '1 day'],
    ['2026-11-20T12:00:00Z', '10 days'],
    ['2026-11-30T12:05:00Z', 'less than a minute'],
  ])('waited since %s: %s', (iso, text) => {
    expect(formatWaited(iso, now)).toBe(text);
  });

  it.each([
    [0, '$0.00'],
    [0.001, 'less than $0.01'],
    [0.0421, '$0.04'],
    [1.5, '$1.50'],
  ])('cost %p → %s', (usd, text) => {
    expect(formatCost(usd)).toBe(text);
  });

  it('names who asked, and who reviewed, never by a UUID (a Cognito user pool’s sub)', () => {
    const uuid = '3f2a9c1e-8d7b-4e6f-a5b4-c3d2e1f0a9b8';
    expect(formatRequester('bob')).toBe('Asked for by bob');
    expect(formatRequester('scheduler')).toBe('Scheduled post');
    expect(formatRequester(uuid)).toBe('Asked for by a reader');
    expect(formatReviewer('alice')).toBe('Reviewed by alice');
    expect(formatReviewer(uuid)).toBe('Reviewed by an editor');
    expect(formatReviewer(null)).toBeNull();
  });
});
