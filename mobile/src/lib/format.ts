const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `Nov 24, 2026` (the year left out when it is this year's). */
export function formatDate(iso: string, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const day = `${MONTHS[d.getMonth()]} ${d.getDate()}`;
  return d.getFullYear() === now.getFullYear() ? day : `${day}, ${d.getFullYear()}`;
}

/** `November 24, 2026`: for screen readers and the article header. */
export function formatLongDate(iso: string): string {
  const d = parse(iso);
  return d ? `${MONTHS_LONG[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}` : '';
}

/**
 * A compact relative time, as social apps show it: `now`, `5m`, `3h`, `2d`, then the date.
 * A time a little in the future (clock skew) reads as `now`.
 */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const ago = now.getTime() - d.getTime();
  if (ago < MINUTE) return 'now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)}m`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)}h`;
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)}d`;
  return formatDate(iso, now);
}

/** The same in words: `just now`, `5 minutes ago`, `yesterday`, `3 days ago`, then the date. */
export function formatRelativeLong(iso: string, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const ago = now.getTime() - d.getTime();
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return plural(Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return plural(Math.floor(ago / HOUR), 'hour');
  if (ago < 2 * DAY) return 'yesterday';
  if (ago < 7 * DAY) return plural(Math.floor(ago / DAY), 'day');
  return formatDate(iso, now);
}

export function formatReadingTime(minutes: number): string {
  return `${Math.max(1, Math.round(minutes))} min read`;
}

export function formatLikes(n: number): string {
  return n === 1 ? '1 like' : `${n} likes`;
}

/** Who made a post, in a reader's words. */
export function formatProvenance(post: {
  offline: boolean;
  provider: string | null;
  models: { text: string | null; image: string | null };
}): string {
  if (post.offline) {
    return 'A sample post: the built-in stand-in wrote it, not an AI model.';
  }
  const writer = post.models.text ? `Written by AI (${post.models.text})` : 'Written by AI';
  return post.models.image ? `${writer}, illustrated with ${post.models.image}.` : `${writer}.`;
}

/** How long something has waited, in words: `less than a minute`, `5 minutes`, `3 hours`, `2 days`. */
export function formatWaited(iso: string, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const ago = Math.max(0, now.getTime() - d.getTime());
  const n = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (ago < MINUTE) return 'less than a minute';
  if (ago < HOUR) return n(Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return n(Math.floor(ago / HOUR), 'hour');
  return n(Math.floor(ago / DAY), 'day');
}

/** What the models cost, in dollars: `$0.04`, `less than $0.01`, `$0.00`. */
export function formatCost(usd: number): string {
  if (usd > 0 && usd < 0.005) return 'less than $0.01';
  return `$${usd.toFixed(2)}`;
}

/**
 * A user id as a name to show, or null when it is no name at all: the API's user ids are the token's
 * `sub`, which is a person's name with the local dev tokens but a UUID in a Cognito user pool.
 */
export function displayName(userId: string | null | undefined): string | null {
  const id = userId?.trim();
  if (!id) return null;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? null : id;
}

/** Who asked for a post, in words: a user's name, the schedule, or "a reader" when the id names no one. */
export function formatRequester(userId: string): string {
  if (userId === 'scheduler') return 'Scheduled post';
  return `Asked for by ${displayName(userId) ?? 'a reader'}`;
}

/** Who approved a post, in words (null when no editor did). */
export function formatReviewer(reviewedBy: string | null | undefined): string | null {
  if (!reviewedBy?.trim()) return null;
  return `Reviewed by ${displayName(reviewedBy) ?? 'an editor'}`;
}
