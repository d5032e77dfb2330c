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

export const AUDIENCES = ['general', 'beginner', 'expert'] as const satisfies readonly Audience[];
export const TONES = [
  'informative',
  'conversational',
  'playful',
  'authoritative',
] as const satisfies readonly Tone[];
export const LENGTHS = ['short', 'medium', 'long'] as const satisfies readonly Length[];
/** The pipeline's steps, in order. */
export const STEPS = [
  'MODERATE_TOPIC',
  'TEXT',
  'MODERATE_TEXT',
  'IMAGE',
  'PUBLISH',
] as const satisfies readonly Step[];
export const TERMINAL_STATES: readonly RequestState[] = ['PUBLISHED', 'REJECTED', 'FAILED'];
export const TOPIC_MIN = 3;
export const TOPIC_MAX = 200;
export const FEED_LIMIT_MAX = 50;

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
      default:
        if (e.status >= 500 || e.status === 0)
          return 'Something went wrong on our side. Try again in a moment.';
        return e.message ? sentence(e.message) : 'Something went wrong. Try again.';
    }
  }
  return e instanceof Error ? e.message : 'Something went wrong.';
}

/** The API's messages start in lower case ("topic must be…"); shown alone they read better capitalised. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
