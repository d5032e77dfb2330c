/**
 * The HTTP API's OpenAPI description, written by hand in the shape `openapi-typescript`
 * emits (`paths` + `components`), so that `npm run api:types` can later generate
 * `schema.generated.ts` from `../openapi/openapi.yaml` and `types.ts` can switch its
 * import to the generated file without touching the rest of the app.
 *
 * Keep in step with the backend contract: JSON everywhere, errors are
 * `{"error": {"code", "message"}}` with a 4xx status.
 */

export interface components {
  schemas: {
    Audience: 'general' | 'beginner' | 'expert';
    Tone: 'informative' | 'conversational' | 'playful' | 'authoritative';
    Length: 'short' | 'medium' | 'long';
    RequestState: 'QUEUED' | 'RUNNING' | 'PUBLISHED' | 'REJECTED' | 'FAILED';
    Step: 'MODERATE_TOPIC' | 'TEXT' | 'MODERATE_TEXT' | 'IMAGE' | 'PUBLISH';
    CreateBlogRequest: {
      /** Trimmed, 3..200 characters. */
      topic: string;
      audience?: components['schemas']['Audience'];
      tone?: components['schemas']['Tone'];
      length?: components['schemas']['Length'];
    };
    CreateBlogResponse: {
      requestId: string;
      status: 'QUEUED';
    };
    BlogRequest: {
      requestId: string;
      topic: string;
      status: components['schemas']['RequestState'];
      step: components['schemas']['Step'] | null;
      /** ISO-8601 */
      createdAt: string;
      /** ISO-8601 */
      updatedAt: string;
      reason: string | null;
      /** Moderation categories when REJECTED. */
      categories: string[];
      postId: string | null;
    };
    FeedItem: {
      id: string;
      title: string;
      summary: string;
      tags: string[];
      imageUrl: string | null;
      /** ISO-8601 */
      publishedAt: string;
      readingTimeMinutes: number;
      likes: number;
      /** Made by the offline provider (no real model). */
      offline: boolean;
    };
    FeedPage: {
      items: components['schemas']['FeedItem'][];
      /** Opaque; null on the last page. */
      nextCursor: string | null;
    };
    BlogPost: {
      id: string;
      title: string;
      summary: string;
      /** Markdown. */
      body: string;
      tags: string[];
      imageUrl: string | null;
      publishedAt: string;
      readingTimeMinutes: number;
      likes: number;
      offline: boolean;
      provider: string;
      models: {
        text: string;
        image: string;
      };
      costUsd: number;
    };
    LikeResult: {
      id: string;
      likes: number;
      liked: boolean;
    };
    Error: {
      error: {
        code: string;
        message: string;
      };
    };
  };
}

type Json<T> = { content: { 'application/json': T } };
type ErrorResponse = Json<components['schemas']['Error']>;

export interface paths {
  '/blogs': {
    post: {
      parameters: { header?: { 'Idempotency-Key'?: string } };
      requestBody: Json<components['schemas']['CreateBlogRequest']>;
      responses: {
        202: Json<components['schemas']['CreateBlogResponse']>;
        400: ErrorResponse;
        401: ErrorResponse;
        409: ErrorResponse;
      };
    };
  };
  '/requests/{id}': {
    get: {
      parameters: { path: { id: string } };
      responses: {
        200: Json<components['schemas']['BlogRequest']>;
        401: ErrorResponse;
        403: ErrorResponse;
        404: ErrorResponse;
      };
    };
  };
  '/feed': {
    get: {
      parameters: { query?: { limit?: number; cursor?: string; tag?: string } };
      responses: {
        200: Json<components['schemas']['FeedPage']>;
        400: ErrorResponse;
      };
    };
  };
  '/blogs/{id}': {
    get: {
      parameters: { path: { id: string } };
      responses: {
        200: Json<components['schemas']['BlogPost']>;
        404: ErrorResponse;
      };
    };
  };
  '/blogs/{id}/likes': {
    post: {
      parameters: { path: { id: string } };
      responses: {
        200: Json<components['schemas']['LikeResult']>;
        401: ErrorResponse;
        404: ErrorResponse;
      };
    };
    delete: {
      parameters: { path: { id: string } };
      responses: {
        200: Json<components['schemas']['LikeResult']>;
        401: ErrorResponse;
        404: ErrorResponse;
      };
    };
  };
}
