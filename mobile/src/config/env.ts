/**
 * Configuration, from three places, first found wins:
 *
 * 1. `globalThis.__AIBLOG_CONFIG__` — run-time config for a web build: a host (or the e2e test)
 *    sets it in a `<script>` before the bundle, so one export serves any backend;
 * 2. `EXPO_PUBLIC_*` variables, which Expo inlines when it bundles (`expo start`, `expo export`);
 *    each must be read by its literal name, and Metro's cache keeps old values: export with
 *    `--clear` after changing them;
 * 3. the defaults below.
 *
 * What the user can change at run time (API URL, theme) starts from these and lives in Settings.
 */

export interface RuntimeConfig {
  apiUrl?: string;
  devToken?: string;
  feedPageSize?: number;
  requestPollMs?: number;
  cognitoDomain?: string;
  cognitoClientId?: string;
  cognitoScopes?: string;
  cognitoTokenUse?: 'access' | 'id';
}

const runtime: RuntimeConfig = (globalThis as { __AIBLOG_CONFIG__?: RuntimeConfig }).__AIBLOG_CONFIG__ ?? {};

function pick(runtimeValue: unknown, buildValue: string | undefined): string | undefined {
  if (runtimeValue !== undefined && runtimeValue !== null && String(runtimeValue).trim() !== '') {
    return String(runtimeValue).trim();
  }
  return buildValue?.trim() || undefined;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export interface CognitoConfig {
  /** Hosted UI domain, e.g. `https://aiblog-dev.auth.eu-west-1.amazoncognito.com`. */
  domain: string;
  clientId: string;
  scopes: string[];
  /** Which token the API's JWT authorizer is given (the API expects access tokens). */
  tokenUse: 'access' | 'id';
}

function cognito(): CognitoConfig | null {
  const domain = pick(runtime.cognitoDomain, process.env.EXPO_PUBLIC_COGNITO_DOMAIN);
  const clientId = pick(runtime.cognitoClientId, process.env.EXPO_PUBLIC_COGNITO_CLIENT_ID);
  if (!domain || !clientId) return null;
  const scopes = (
    pick(runtime.cognitoScopes, process.env.EXPO_PUBLIC_COGNITO_SCOPES) ?? 'openid email profile'
  )
    .split(/[\s,]+/)
    .filter(Boolean);
  const tokenUse =
    pick(runtime.cognitoTokenUse, process.env.EXPO_PUBLIC_COGNITO_TOKEN_USE) === 'id' ? 'id' : 'access';
  return {
    domain: (/^https?:\/\//.test(domain) ? domain : `https://${domain}`).replace(/\/+$/, ''),
    clientId,
    scopes,
    tokenUse,
  };
}

export const env = {
  /** Where the app looks for the API until the user changes it in Settings. */
  defaultApiUrl: pick(runtime.apiUrl, process.env.EXPO_PUBLIC_API_URL) ?? 'http://localhost:3000',
  /** Pre-fills the dev-token field on the sign-in screen (local `./aiblog serve` only). */
  devToken: pick(runtime.devToken, process.env.EXPO_PUBLIC_DEV_TOKEN) ?? '',
  feedPageSize: Math.min(
    positiveInt(pick(runtime.feedPageSize, process.env.EXPO_PUBLIC_FEED_PAGE_SIZE), 20),
    50,
  ),
  requestPollMs: positiveInt(pick(runtime.requestPollMs, process.env.EXPO_PUBLIC_REQUEST_POLL_MS), 1500),
  cognito: cognito(),
} as const;

export type Env = typeof env;
