/**
 * The one typed boundary between the app and the backend. Screens and queries depend on
 * {@link AiBlogApi}; `http.ts` implements it over fetch, `fake.ts` in memory (tests, demo).
 *
 * The shapes come from the repository's OpenAPI description: `npm run api:types` generates
 * `schema.generated.ts` from `../openapi/openapi.yaml`, and `npm test` fails if it is stale.
 */
import type { components } from './schema.generated';

type Schemas = components['schemas'];

export type Audience = Schemas['Audience'];
export type Tone = Schemas['Tone'];
export type Length = Schemas['Length'];
export type RequestState = Schemas['RequestState'];
export type Step = Schemas['Step'];
export type CreateBlogInput = Schemas['CreateBlogRequest'];
export type CreateBlogResult = Schemas['CreateBlogResponse'];
export type BlogRequest = Schemas['BlogRequest'];
export type RequestPage = Schemas['RequestPage'];
export type FeedItem = Schemas['FeedItem'];
export type FeedPage = Schemas['FeedPage'];
export type BlogPost = Schemas['BlogPost'];
export type LikeResult = Schemas['LikeResult'];
export type ErrorBody = Schemas['Error'];
export type Me = Schemas['Me'];
export type ReviewItem = Schemas['ReviewItem'];
export type ReviewPage = Schemas['ReviewPage'];
export type Draft = Schemas['Draft'];
export type ReviewDecision = Schemas['ReviewDecision'];
export type ReviewOutcome = Schemas['ReviewOutcome'];
/** The fields of a draft an editor may change before approving it. */
export type DraftEdits = Pick<ReviewDecision, 'title' | 'summary' | 'body' | 'tags'>;

export const AUDIENCES = ['general', 'beginner', 'expert'] as const satisfies readonly Audience[];
export const TONES = [
  'informative',
  'conversational',
  'playful',
  'authoritative',
] as const satisfies readonly Tone[];
export const LENGTHS = ['short', 'medium', 'long'] as const satisfies readonly Length[];
/**
 * The pipeline's steps, in order, without `REVIEW`: that one is there only when the stack requires an
 * editor's review (see `stepsOf` in lib/request-status.ts).
 */
export const STEPS = [
  'MODERATE_TOPIC',
  'TEXT',
  'MODERATE_TEXT',
  'IMAGE',
  'PUBLISH',
] as const satisfies readonly Step[];
/** The same with the editor's review (`ReviewMode` `REQUIRED`): after the image, before publishing. */
export const STEPS_WITH_REVIEW = [
  'MODERATE_TOPIC',
  'TEXT',
  'MODERATE_TEXT',
  'IMAGE',
  'REVIEW',
  'PUBLISH',
] as const satisfies readonly Step[];
export const TERMINAL_STATES: readonly RequestState[] = ['PUBLISHED', 'REJECTED', 'FAILED'];
export const TOPIC_MIN = 3;
export const TOPIC_MAX = 200;
export const FEED_LIMIT_MAX = 50;
/** The contract's limits on an editor's decision (`ReviewDecision`: title, tags, reason), checked here first. */
export const TITLE_MAX = 200;
export const TAGS_MAX = 8;
export const TAG_MAX = 50;
export const REASON_MAX = 500;

export interface FeedParams {
  limit?: number;
  cursor?: string;
  tag?: string;
}

export interface PageParams {
  limit?: number;
  cursor?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface AiBlogApi {
  /** `GET /feed` (public), newest first. */
  getFeed(params: FeedParams, opts?: CallOptions): Promise<FeedPage>;
  /**
   * `GET /blogs/{id}` (public). Sent with the reader's token when signed in, so `likedByMe` says
   * whether they like it (null when not signed in, or when the server did not accept the token).
   */
  getPost(id: string, opts?: CallOptions): Promise<BlogPost>;
  /** `POST /blogs/{id}/likes` (auth) when `liked`, else `DELETE` (auth). Idempotent per user. */
  setLiked(id: string, liked: boolean, opts?: CallOptions): Promise<LikeResult>;
  /** `POST /blogs` (auth); the key makes a retried submission harmless. */
  createPost(input: CreateBlogInput, idempotencyKey?: string, opts?: CallOptions): Promise<CreateBlogResult>;
  /** `GET /requests/{id}` (auth, owner only). */
  getRequest(id: string, opts?: CallOptions): Promise<BlogRequest>;
  /** `GET /requests` (auth): the reader's own requests, newest first. */
  listRequests(params: PageParams, opts?: CallOptions): Promise<RequestPage>;
  /**
   * Whether the server accepts `token` (an authenticated `GET /requests?limit=1` with it): a
   * pasted dev token is checked before the app keeps it.
   */
  checkToken(token: string, opts?: CallOptions): Promise<boolean>;
  /** `GET /me` (auth): who the caller is, and whether they are an editor. */
  getMe(opts?: CallOptions): Promise<Me>;
  /** `GET /reviews` (auth, editors only: 403 `FORBIDDEN` otherwise): drafts awaiting review, oldest first. */
  listReviews(params: PageParams, opts?: CallOptions): Promise<ReviewPage>;
  /** `GET /reviews/{id}` (auth, editors only): the whole draft. 404 when it is no longer awaiting review. */
  getReview(id: string, opts?: CallOptions): Promise<Draft>;
  /**
   * `POST /reviews/{id}` (auth, editors only): approve (with edits) or reject (with a reason). 409
   * `CONFLICT` when the draft already has a decision or its review timed out; 400 `VALIDATION_FAILED`
   * with a message that starts with the field at fault.
   */
  decideReview(id: string, decision: ReviewDecision, opts?: CallOptions): Promise<ReviewOutcome>;
}

/** Codes the server sends, plus the client's own for transport failures (status 0). */
export type ApiErrorCode =
  ErrorBody['error']['code'] | 'NETWORK_ERROR' | 'TIMEOUT' | 'BAD_RESPONSE' | (string & {});

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;

  constructor(status: number, code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** Worth retrying automatically: the network, a timeout, a 5xx or a 429. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export function isTerminal(state: RequestState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** A message a reader can act on, for any thrown value. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) {
    switch (e.code) {
      case 'NETWORK_ERROR':
        return 'Can’t reach AI Blog. Check your connection and try again.';
      case 'TIMEOUT':
        return 'AI Blog is taking too long to answer. Try again in a moment.';
      case 'UNAUTHORIZED':
        return 'Your sign-in has expired. Please sign in again.';
      case 'NOT_FOUND':
        return 'We couldn’t find that.';
      case 'INVALID_CURSOR':
        return 'The list changed since it was loaded. Reload it to continue.';
      case 'FORBIDDEN':
        return 'Only editors can do this.';
      default:
        if (e.status >= 500 || e.status === 0)
          return 'Something went wrong on our side. Try again in a moment.';
        return e.message ? sentence(e.message) : 'Something went wrong. Try again.';
    }
  }
  return e instanceof Error ? e.message : 'Something went wrong.';
}

/** The fields a 400 on a review decision can name. */
export type DecisionField = 'title' | 'summary' | 'body' | 'tags' | 'reason';
const DECISION_FIELDS: readonly DecisionField[] = ['title', 'summary', 'body', 'tags', 'reason'];

/**
 * The field a `VALIDATION_FAILED` message names ("title is longer than 200 characters" → `title`), so the
 * screen can show it by that field; null when it names none of them.
 */
export function fieldOf(e: unknown): DecisionField | null {
  if (!isApiError(e) || e.code !== 'VALIDATION_FAILED') return null;
  const first = /^[\s"'`]*([A-Za-z]+)/.exec(e.message)?.[1];
  return DECISION_FIELDS.find((f) => f === first) ?? null;
}

/** The server's own message for a 4xx (which names the field at fault), as a sentence. */
export function serverMessage(e: unknown): string {
  return isApiError(e) && e.message && e.status >= 400 && e.status < 500
    ? sentence(e.message)
    : errorMessage(e);
}

/** The API's messages start in lower case ("topic must be…"); shown alone they read better capitalised. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
