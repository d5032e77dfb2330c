import {
  ApiError,
  type AiBlogApi,
  type BlogPost,
  type BlogRequest,
  type CallOptions,
  type CreateBlogInput,
  type CreateBlogResult,
  type Draft,
  type Me,
  type ReviewDecision,
  type ReviewOutcome,
  type ReviewPage,
  type FeedPage,
  type FeedParams,
  type LikeResult,
  type PageParams,
  type RequestPage,
} from './types';

export interface HttpApiOptions {
  /** e.g. `http://localhost:3000`; a trailing slash is ignored. */
  baseUrl: string;
  /** The bearer token for routes that need one; null when signed out. */
  getToken: () => Promise<string | null>;
  /** Called when the server refuses the session's token (expired, revoked, or a wrong dev token). */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

type Method = 'GET' | 'POST' | 'DELETE';

/** {@link AiBlogApi} over HTTP + JSON. */
export class HttpAiBlogApi implements AiBlogApi {
  private readonly baseUrl: string;
  private readonly getToken: () => Promise<string | null>;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly onUnauthorized?: () => void;

  constructor(opts: HttpApiOptions) {
    this.onUnauthorized = opts.onUnauthorized;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.getToken = opts.getToken;
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  getFeed(params: FeedParams, opts?: CallOptions): Promise<FeedPage> {
    const query = new URLSearchParams();
    if (params.limit !== undefined) query.set('limit', String(params.limit));
    if (params.cursor) query.set('cursor', params.cursor);
    if (params.tag) query.set('tag', params.tag);
    const qs = query.toString();
    return this.call<FeedPage>('GET', `/feed${qs ? `?${qs}` : ''}`, { signal: opts?.signal });
  }

  getPost(id: string, opts?: CallOptions): Promise<BlogPost> {
    return this.call<BlogPost>('GET', `/blogs/${encodeURIComponent(id)}`, {
      auth: 'optional',
      signal: opts?.signal,
    });
  }

  setLiked(id: string, liked: boolean, opts?: CallOptions): Promise<LikeResult> {
    return this.call<LikeResult>(liked ? 'POST' : 'DELETE', `/blogs/${encodeURIComponent(id)}/likes`, {
      auth: true,
      signal: opts?.signal,
    });
  }

  createPost(input: CreateBlogInput, idempotencyKey?: string, opts?: CallOptions): Promise<CreateBlogResult> {
    return this.call<CreateBlogResult>('POST', '/blogs', {
      auth: true,
      body: input,
      headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined,
      signal: opts?.signal,
    });
  }

  getRequest(id: string, opts?: CallOptions): Promise<BlogRequest> {
    return this.call<BlogRequest>('GET', `/requests/${encodeURIComponent(id)}`, {
      auth: true,
      signal: opts?.signal,
    });
  }

  listRequests(params: PageParams, opts?: CallOptions): Promise<RequestPage> {
    const query = new URLSearchParams();
    if (params.limit !== undefined) query.set('limit', String(params.limit));
    if (params.cursor) query.set('cursor', params.cursor);
    const qs = query.toString();
    return this.call<RequestPage>('GET', `/requests${qs ? `?${qs}` : ''}`, {
      auth: true,
      signal: opts?.signal,
    });
  }

  async checkToken(token: string, opts?: CallOptions): Promise<boolean> {
    try {
      await this.call<RequestPage>('GET', '/requests?limit=1', {
        token,
        signal: opts?.signal,
      });
      return true;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return false;
      throw e;
    }
  }

  getMe(opts?: CallOptions): Promise<Me> {
    return this.call<Me>('GET', '/me', { auth: true, signal: opts?.signal });
  }

  listReviews(params: PageParams, opts?: CallOptions): Promise<ReviewPage> {
    const query = new URLSearchParams();
    if (params.limit !== undefined) query.set('limit', String(params.limit));
    if (params.cursor) query.set('cursor', params.cursor);
    const qs = query.toString();
    return this.call<ReviewPage>('GET', `/reviews${qs ? `?${qs}` : ''}`, {
      auth: true,
      signal: opts?.signal,
    });
  }

  getReview(id: string, opts?: CallOptions): Promise<Draft> {
    return this.call<Draft>('GET', `/reviews/${encodeURIComponent(id)}`, {
      auth: true,
      signal: opts?.signal,
    });
  }

  decideReview(id: string, decision: ReviewDecision, opts?: CallOptions): Promise<ReviewOutcome> {
    return this.call<ReviewOutcome>('POST', `/reviews/${encodeURIComponent(id)}`, {
      auth: true,
      body: decision,
      signal: opts?.signal,
    });
  }

  private async call<T>(
    method: Method,
    path: string,
    init: {
      /** `true`: needs a token; `'optional'`: sends it when there is one. */
      auth?: boolean | 'optional';
      /** This token instead of the session's. */
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
      signal?: AbortSignal;
    },
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.token) {
      headers.Authorization = `Bearer ${init.token}`;
    } else if (init.auth) {
      const token = await this.getToken();
      if (token) headers.Authorization = `Bearer ${token}`;
      else if (init.auth === true) throw new ApiError(401, 'UNAUTHORIZED', 'Sign in to do this.');
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = () => controller.abort();
    init.signal?.addEventListener('abort', onAbort);

    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: controller.signal,
      });
    } catch (e) {
      if (timedOut) throw new ApiError(0, 'TIMEOUT', 'The server took too long to answer.');
      if (init.signal?.aborted) throw e; // cancelled by the caller (e.g. TanStack Query)
      throw new ApiError(0, 'NETWORK_ERROR', `Can’t reach ${this.baseUrl}.`);
    } finally {
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', onAbort);
    }

    const text = await res.text();
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!res.ok) {
      // The contract's `{"error": {code, message}}`, or API Gateway's own `{"message": "..."}`
      // (its JWT authorizer answers 401 before the function runs).
      const body = json as { error?: { code?: unknown; message?: unknown }; message?: unknown } | undefined;
      const err = body?.error;
      const code = typeof err?.code === 'string' ? err.code : statusCode(res.status);
      const message =
        typeof err?.message === 'string'
          ? err.message
          : typeof body?.message === 'string'
            ? body.message
            : `Request failed (${res.status}).`;
      if (res.status === 401 && headers.Authorization && !init.token) this.onUnauthorized?.();
      throw new ApiError(res.status, code, message);
    }
    if (json === undefined) {
      throw new ApiError(res.status, 'BAD_RESPONSE', 'The server sent an unreadable answer.');
    }
    return json as T;
  }
}

function statusCode(status: number): string {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    default:
      return `HTTP_${status}`;
  }
}
