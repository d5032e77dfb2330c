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

export class FakeAiBlogApi implements AiBlogApi {
  /** Newest first, like the feed. */
  posts: BlogPost[];
  readonly liked = new Set<string>();
  readonly requests = new Map<string, BlogRequest>();
  /** When false, routes that need auth answer 401 (and posts say nothing about likes). */
  signedIn = true;
  /** What {@link checkToken} accepts. */
  validTokens = new Set(['dev-token']);
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

  /** Moves a request along, as the pipeline would. */
  update(id: string, patch: Partial<BlogRequest>): void {
    const req = this.requests.get(id);
    if (!req) throw new Error(`no request ${id}`);
    this.requests.set(id, { ...req, ...patch, updatedAt: new Date().toISOString() });
  }

  private requireAuth(): void {
    if (!this.signedIn) throw new ApiError(401, 'UNAUTHORIZED', 'Missing bearer token.');
  }
}
