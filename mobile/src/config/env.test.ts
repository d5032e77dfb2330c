import type { Env, RuntimeConfig } from './env';

function load(runtime: RuntimeConfig | undefined, vars: Record<string, string> = {}): Env {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  (globalThis as { __AIBLOG_CONFIG__?: RuntimeConfig }).__AIBLOG_CONFIG__ = runtime;
  try {
    let env!: Env;
    jest.isolateModules(() => {
      env = require('./env').env;
    });
    return env;
  } finally {
    process.env = saved;
    delete (globalThis as { __AIBLOG_CONFIG__?: RuntimeConfig }).__AIBLOG_CONFIG__;
  }
}

describe('env', () => {
  it('falls back to the defaults', () => {
    const env = load(undefined);

    expect(env).toMatchObject({
      defaultApiUrl: 'http://localhost:3000',
      feedPageSize: 20,
      requestPollMs: 1500,
      cognito: null,
    });
  });

  it('takes EXPO_PUBLIC_* variables', () => {
    const env = load(undefined, {
      EXPO_PUBLIC_API_URL: 'https://api.example.com',
      EXPO_PUBLIC_FEED_PAGE_SIZE: '10',
      EXPO_PUBLIC_COGNITO_DOMAIN: 'aiblog-dev.auth.eu-west-1.amazoncognito.com/',
      EXPO_PUBLIC_COGNITO_CLIENT_ID: 'client-1',
    });

    expect(env.defaultApiUrl).toBe('https://api.example.com');
    expect(env.feedPageSize).toBe(10);
    expect(env.cognito).toEqual({
      domain: 'https://aiblog-dev.auth.eu-west-1.amazoncognito.com',
      clientId: 'client-1',
      scopes: ['openid', 'email', 'profile'],
      tokenUse: 'access',
    });
  });

  it('lets run-time config (window.__AIBLOG_CONFIG__) win over the build', () => {
    const env = load(
      { apiUrl: 'http://localhost:3100', feedPageSize: 4, requestPollMs: 250 },
      { EXPO_PUBLIC_API_URL: 'https://api.example.com', EXPO_PUBLIC_FEED_PAGE_SIZE: '10' },
    );

    expect(env).toMatchObject({
      defaultApiUrl: 'http://localhost:3100',
      feedPageSize: 4,
      requestPollMs: 250,
    });
  });

  it.each([
    ['0', 20],
    ['-3', 20],
    ['abc', 20],
    ['999', 50],
  ])('keeps a page size of %s within 1..50 (%i)', (value, expected) => {
    expect(load(undefined, { EXPO_PUBLIC_FEED_PAGE_SIZE: value }).feedPageSize).toBe(expected);
  });
});
