import { HttpAiBlogApi } from './http';
import { ApiError } from './types';

type FetchCall = { url: string; init: RequestInit };

function fakeFetch(status: number, body: string) {
  const calls: FetchCall[] = [];
  const fetch = jest.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

function api(fetch: typeof globalThis.fetch, token: string | null = 'tok') {
  return new HttpAiBlogApi({ baseUrl: 'http://api.test/', getToken: async () => token, fetch });
}

const headers = (c: FetchCall) => c.init.headers as Record<string, string>;

describe('HttpAiBlogApi', () => {
  it.each([
    [{}, 'http://api.test/feed'],
    [{ limit: 10 }, 'http://api.test/feed?limit=10'],
    [{ limit: 5, cursor: 'abc/=', tag: 'c++' }, 'http://api.test/feed?limit=5&cursor=abc%2F%3D&tag=c%2B%2B'],
  ])('getFeed(%j) requests %s without a token', async (params, url) => {
    const { fetch, calls } = fakeFetch(200, '{"items":[],"nextCursor":null}');

    const page = await api(fetch).getFeed(params);

    expect(page).toEqual({ items: [], nextCursor: null });
    expect(calls[0]!.url).toBe(url);
    expect(calls[0]!.init.method).toBe('GET');
    expect(headers(calls[0]!).Authorization).toBeUndefined();
  });

  it.each([
    [
      'setLiked(true)',
      'POST',
      'http://api.test/blogs/p%201/likes',
      (a: HttpAiBlogApi) => a.setLiked('p 1', true),
    ],
    [
      'setLiked(false)',
      'DELETE',
      'http://api.test/blogs/p1/likes',
      (a: HttpAiBlogApi) => a.setLiked('p1', false),
    ],
    ['getRequest', 'GET', 'http://api.test/requests/r1', (a: HttpAiBlogApi) => a.getRequest('r1')],
    [
      'listRequests',
      'GET',
      'http://api.test/requests?limit=20&cursor=c%2B1',
      (a: HttpAiBlogApi) => a.listRequests({ limit: 20, cursor: 'c+1' }),
    ],
    ['getMe', 'GET', 'http://api.test/me', (a: HttpAiBlogApi) => a.getMe()],
    [
      'listReviews',
      'GET',
      'http://api.test/reviews?limit=20&cursor=c%2B1',
      (a: HttpAiBlogApi) => a.listReviews({ limit: 20, cursor: 'c+1' }),
    ],
    ['getReview', 'GET', 'http://api.test/reviews/r%201', (a: HttpAiBlogApi) => a.getReview('r 1')],
    [
      'decideReview',
      'POST',
      'http://api.test/reviews/r1',
      (a: HttpAiBlogApi) => a.decideReview('r1', { decision: 'approve', title: 'T' }),
    ],
  ])('%s sends the bearer token with %s %s', async (_name, method, url, call) => {
    const { fetch, calls } = fakeFetch(200, '{}');

    await call(api(fetch));

    expect(calls[0]!.init.method).toBe(method);
    expect(calls[0]!.url).toBe(url);
    expect(headers(calls[0]!).Authorization).toBe('Bearer tok');
  });

  it('createPost sends the JSON body and the Idempotency-Key header', async () => {
    const { fetch, calls } = fakeFetch(202, '{"requestId":"r1","status":"QUEUED"}');

    const result = await api(fetch).createPost({ topic: 'Bees', tone: 'playful' }, 'key-1');

    expect(result).toEqual({ requestId: 'r1', status: 'QUEUED' });
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ topic: 'Bees', tone: 'playful' });
    expect(headers(calls[0]!)).toMatchObject({
      'Content-Type': 'application/json',
      'Idempotency-Key': 'key-1',
      Authorization: 'Bearer tok',
    });
  });

  it('getPost sends the token when signed in (for likedByMe) and goes without one when signed out', async () => {
    const signedIn = fakeFetch(200, '{}');
    const signedOut = fakeFetch(200, '{}');

    await api(signedIn.fetch).getPost('p1');
    await api(signedOut.fetch, null).getPost('p1');

    expect(headers(signedIn.calls[0]!).Authorization).toBe('Bearer tok');
    expect(headers(signedOut.calls[0]!).Authorization).toBeUndefined();
    expect(signedOut.calls[0]!.url).toBe('http://api.test/blogs/p1');
  });

  it.each([
    [200, true],
    [401, false],
    [403, false],
  ])('checkToken: the server answering %i means %s', async (status, valid) => {
    const { fetch, calls } = fakeFetch(
      status,
      status === 200 ? '{"items":[],"nextCursor":null}' : '{"message":"Unauthorized"}',
    );

    await expect(api(fetch, null).checkToken('pasted')).resolves.toBe(valid);
    expect(calls[0]!.url).toBe('http://api.test/requests?limit=1');
    expect(headers(calls[0]!).Authorization).toBe('Bearer pasted');
  });

  it('checkToken cannot tell when the server is unreachable: it throws', async () => {
    const fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;

    await expect(api(fetch).checkToken('pasted')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('tells the session when the server refuses its token', async () => {
    const { fetch } = fakeFetch(401, '{"message":"Unauthorized"}');
    const onUnauthorized = jest.fn();
    const client = new HttpAiBlogApi({
      baseUrl: 'http://api.test',
      getToken: async () => 'old',
      fetch,
      onUnauthorized,
    });

    await expect(client.setLiked('p1', true)).rejects.toMatchObject({ status: 401 });
    await expect(client.getFeed({})).rejects.toMatchObject({ status: 401 });

    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('refuses a route that needs auth when signed out, without calling the server', async () => {
    const { fetch } = fakeFetch(200, '{}');

    await expect(api(fetch, null).setLiked('p1', true)).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    [
      400,
      'VALIDATION_FAILED',
      'topic: too short',
      '{"error":{"code":"VALIDATION_FAILED","message":"topic: too short"}}',
    ],
    [404, 'NOT_FOUND', 'No blog x', '{"error":{"code":"NOT_FOUND","message":"No blog x"}}'],
    [409, 'CONFLICT', 'Request failed (409).', ''],
    [401, 'UNAUTHORIZED', 'Unauthorized', '{"message":"Unauthorized"}'],
    [502, 'HTTP_502', 'Request failed (502).', '<html>Bad gateway</html>'],
  ])('turns a %i answer into ApiError %s: %s', async (status, code, message, body) => {
    const { fetch } = fakeFetch(status, body);

    const error = await api(fetch)
      .getPost('x')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, code, message });
  });

  it('sends a review decision as its JSON body', async () => {
    const { fetch, calls } = fakeFetch(202, '{"requestId":"r1","decision":"reject"}');

    const outcome = await api(fetch).decideReview('r1', { decision: 'reject', reason: 'Off topic.' });

    expect(outcome).toEqual({ requestId: 'r1', decision: 'reject' });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ decision: 'reject', reason: 'Off topic.' });
    expect(headers(calls[0]!)['Content-Type']).toBe('application/json');
  });

  it.each([
    [409, 'CONFLICT', '{"error":{"code":"CONFLICT","message":"request r1 is not awaiting review"}}'],
    [403, 'FORBIDDEN', '{"error":{"code":"FORBIDDEN","message":"only editors may review drafts"}}'],
  ])('turns a %i on a decision into %s', async (status, code, body) => {
    const { fetch } = fakeFetch(status, body);

    const error = await api(fetch)
      .decideReview('r1', { decision: 'approve' })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status, code });
  });

  it('reports a transport failure as NETWORK_ERROR (status 0, transient)', async () => {
    const fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;

    const error = (await api(fetch)
      .getFeed({})
      .catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(0);
    expect(error.transient).toBe(true);
  });
});
