/**
 * An in-memory {@link AiBlogApi}: the fake that component tests use, following the
 * contract closely enough (cursor paging, tag filter, per-user likes, request progress) that
 * screens cannot tell it from the server. Tests script failures with `jest.spyOn`.
 */
import {
  ApiError,
  type AiBlogApi,
  type BlogPost,
  type BlogRequest,
  type CreateBlogInput,
  type CreateBlogResult,
  type Draft,
  type Me,
  type ReviewDecision,
  type ReviewOutcome,
  type ReviewPage,
  REASON_MAX,
  TAG_MAX,
  TAGS_MAX,
  TITLE_MAX,
  type FeedItem,
  type FeedPage,
  type FeedParams,
  type LikeResult,
  type PageParams,
  type RequestPage,
  TOPIC_MAX,
  TOPIC_MIN,
} from './types';

export function makePost(n: number, overrides: Partial<BlogPost> = {}): BlogPost {
  const day = String((n % 28) + 1).padStart(2, '0');
  return {
    id: `post-${n}`,
    title: `Post number ${n}`,
    summary: `Summary of post ${n}.`,
    body: `# Post number ${n}\n\nSome **markdown** body for post ${n}.\n\n- one\n- two\n`,
    tags: n % 2 === 0 ? ['even', 'numbers'] : ['odd', 'numbers'],
    imageUrl: `https://images.example/post-${n}.png`,
    publishedAt: `2026-11-${day}T10:00:00Z`,
    readingTimeMinutes: 3 + (n % 5),
    likes: n,
    offline: true,
    provider: 'offline',
    models: { text: 'offline-text', image: 'offline-image' },
    costUsd: 0,
    likedByMe: null,
    reviewedBy: null,
    shareUrl: `https://api.example/p/post-${n}`,
    ...overrides,
  };
}

export function toFeedItem(p: BlogPost): FeedItem {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    tags: p.tags,
    imageUrl: p.imageUrl,
    publishedAt: p.publishedAt,
    readingTimeMinutes: p.readingTimeMinutes,
    likes: p.likes,
    offline: p.offline,
  };
}

/** A draft awaiting review: `n` orders them (a lower `n` has waited longer). */
export function makeDraft(n: number, overrides: Partial<Draft> = {}): Draft {
  const minute = String(n % 60).padStart(2, '0');
  return {
    requestId: `review-${n}`,
    topic: `Topic asked for, number ${n}`,
    title: `Draft number ${n}`,
    summary: `Summary of draft ${n}.`,
    body: `## Draft ${n}\n\nSome **markdown** in draft ${n}.\n`,
    tags: ['drafts', n % 2 === 0 ? 'even' : 'odd'],
    imageUrl: `https://images.example/review-${n}.png`,
    requestedBy: 'bob',
    createdAt: `2026-11-30T09:${minute}:00Z`,
    awaitingSince: `2026-11-30T10:${minute}:00Z`,
    costUsd: 0.04,
    reviewDeadline: '2026-12-07T10:00:00Z',
    ...overrides,
  };
}

/** Tags as the server keeps them (core `Tag`): trimmed, lower case, each once. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()))];
}

export class FakeAiBlogApi implements AiBlogApi {
  /** Newest first, like the feed. */
  posts: BlogPost[];
  readonly liked = new Set<string>();
  readonly requests = new Map<string, BlogRequest>();
  /** When false, routes that need auth answer 401 (and posts say nothing about likes). */
  signedIn = true;
  /** What {@link checkToken} accepts. */
  validTokens = new Set(['dev-token']);
  /** Who `GET /me` says the caller is. */
  me: Me = { userId: 'local-dev-user', editor: false };
  /** Drafts awaiting review, oldest first. */
  reviews: Draft[] = [];
  /** Drafts whose review timed out: a decision on them is a 409, like one already decided. */
  readonly timedOut = new Set<string>();
  private readonly decided = new Set<string>();
  private nextRequest = 1;
  private readonly byIdempotencyKey = new Map<string, string>();

  constructor(posts: BlogPost[] = []) {
    this.posts = posts;
  }

  static withPosts(count: number): FakeAiBlogApi {
    return new FakeAiBlogApi(Array.from({ length: count }, (_, i) => makePost(count - i)));
  }

  async getFeed({ limit = 20, cursor, tag }: FeedParams): Promise<FeedPage> {
    const all = tag ? this.posts.filter((p) => p.tags.includes(tag)) : this.posts;
    const start = cursor ? Number(cursor) : 0;
    const end = start + limit;
    return {
      items: all.slice(start, end).map(toFeedItem),
      nextCursor: end < all.length ? String(end) : null,
    };
  }

  async getPost(id: string): Promise<BlogPost> {
    const post = this.posts.find((p) => p.id === id);
    if (!post) throw new ApiError(404, 'NOT_FOUND', `No post ${id}.`);
    return { ...post, likedByMe: this.signedIn ? this.liked.has(id) : null };
  }

  async setLiked(id: string, liked: boolean): Promise<LikeResult> {
    this.requireAuth();
    const post = this.posts.find((p) => p.id === id);
    if (!post) throw new ApiError(404, 'NOT_FOUND', `No post ${id}.`);
    if (liked && !this.liked.has(id)) post.likes += 1;
    if (!liked && this.liked.has(id)) post.likes -= 1;
    if (liked) this.liked.add(id);
    else this.liked.delete(id);
    return { id, likes: post.likes, liked };
  }

  async createPost(input: CreateBlogInput, idempotencyKey?: string): Promise<CreateBlogResult> {
    this.requireAuth();
    const earlier = idempotencyKey ? this.byIdempotencyKey.get(idempotencyKey) : undefined;
    if (earlier) return { requestId: earlier, status: 'QUEUED' };
    const topic = input.topic.trim();
    if (topic.length < TOPIC_MIN || topic.length > TOPIC_MAX) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'topic must be 3 to 200 characters');
    }
    const requestId = `req-${this.nextRequest++}`;
    if (idempotencyKey) this.byIdempotencyKey.set(idempotencyKey, requestId);
    const now = new Date().toISOString();
    this.requests.set(requestId, {
      requestId,
      topic,
      status: 'QUEUED',
      step: null,
      createdAt: now,
      updatedAt: now,
      reason: null,
      categories: [],
      postId: null,
    });
    return { requestId, status: 'QUEUED' };
  }

  async getRequest(id: string): Promise<BlogRequest> {
    this.requireAuth();
    const req = this.requests.get(id);
    if (!req) throw new ApiError(404, 'NOT_FOUND', `No request ${id}.`);
    return { ...req };
  }

  async listRequests({ limit = 20, cursor }: PageParams): Promise<RequestPage> {
    this.requireAuth();
    // Newest first: the map keeps creation order.
    const all = [...this.requests.values()].reverse();
    const start = cursor ? Number(cursor) : 0;
    const end = start + limit;
    return {
      items: all.slice(start, end).map((r) => ({ ...r })),
      nextCursor: end < all.length ? String(end) : null,
    };
  }

  async checkToken(token: string): Promise<boolean> {
    return this.validTokens.has(token.trim());
  }

  async getMe(): Promise<Me> {
    this.requireAuth();
    return { ...this.me };
  }

  async listReviews({ limit = 20, cursor }: PageParams): Promise<ReviewPage> {
    this.requireEditor();
    const start = cursor ? Number(cursor) : 0;
    const end = start + limit;
    return {
      items: this.reviews
        .slice(start, end)
        .map(({ body: _body, reviewDeadline: _deadline, ...item }) => item),
      nextCursor: end < this.reviews.length ? String(end) : null,
    };
  }

  async getReview(id: string): Promise<Draft> {
    this.requireEditor();
    const draft = this.reviews.find((d) => d.requestId === id);
    if (!draft) throw new ApiError(404, 'NOT_FOUND', `no request ${id} is awaiting review`);
    return { ...draft, tags: [...draft.tags] };
  }

  async decideReview(id: string, decision: ReviewDecision): Promise<ReviewOutcome> {
    this.requireEditor();
    if (this.decided.has(id) || this.timedOut.has(id)) {
      throw new ApiError(409, 'CONFLICT', `request ${id} is no longer awaiting review`);
    }
    const draft = this.reviews.find((d) => d.requestId === id);
    if (!draft) throw new ApiError(404, 'NOT_FOUND', `no request ${id}`);
    if (decision.decision === 'reject') {
      const reason = decision.reason?.trim() ?? '';
      if (!reason) throw new ApiError(400, 'VALIDATION_FAILED', 'reason is required to reject a draft');
      if (reason.length > REASON_MAX)
        throw new ApiError(400, 'VALIDATION_FAILED', `reason is longer than ${REASON_MAX} characters`);
    }
    const title = decision.title ?? draft.title;
    const tags = normaliseTags(decision.tags ?? draft.tags);
    if (decision.decision === 'approve') {
      for (const field of ['title', 'summary', 'body'] as const) {
        const value = decision[field] ?? draft[field];
        if (!value.trim()) throw new ApiError(400, 'VALIDATION_FAILED', `${field} is empty`);
      }
      if (title.length > TITLE_MAX)
        throw new ApiError(400, 'VALIDATION_FAILED', `title is longer than ${TITLE_MAX} characters`);
      if (tags.length === 0 || tags.some((t) => !t))
        throw new ApiError(400, 'VALIDATION_FAILED', 'tags is missing or empty');
      if (tags.length > TAGS_MAX)
        throw new ApiError(
          400,
          'VALIDATION_FAILED',
          `tags has ${tags.length} entries, at most ${TAGS_MAX} allowed`,
        );
      if (tags.some((t) => t.length > TAG_MAX))
        throw new ApiError(400, 'VALIDATION_FAILED', `tag must be at most ${TAG_MAX} characters`);
    }
    this.decided.add(id);
    this.reviews = this.reviews.filter((d) => d.requestId !== id);
    if (decision.decision === 'approve') {
      const post = makePost(this.posts.length + 1, {
        id: `post-of-${id}`,
        title,
        summary: decision.summary ?? draft.summary,
        body: decision.body ?? draft.body,
        tags,
        imageUrl: draft.imageUrl,
        publishedAt: new Date().toISOString(),
        likes: 0,
        costUsd: draft.costUsd,
        reviewedBy: this.me.userId,
      });
      this.posts = [post, ...this.posts];
      if (this.requests.has(id)) this.update(id, { status: 'PUBLISHED', step: 'PUBLISH', postId: post.id });
    } else if (this.requests.has(id)) {
      this.update(id, { status: 'REJECTED', step: 'REVIEW', reason: decision.reason ?? null });
    }
    return { requestId: id, decision: decision.decision };
  }

  /** Moves a request along, as the pipeline would. */
  update(id: string, patch: Partial<BlogRequest>): void {
    const req = this.requests.get(id);
    if (!req) throw new Error(`no request ${id}`);
    this.requests.set(id, { ...req, ...patch, updatedAt: new Date().toISOString() });
  }

  private requireAuth(): void {
    if (!this.signedIn) throw new ApiError(401, 'UNAUTHORIZED', 'Missing bearer token.');
  }

  private requireEditor(): void {
    this.requireAuth();
    if (!this.me.editor) throw new ApiError(403, 'FORBIDDEN', 'only editors may review drafts');
  }
}
