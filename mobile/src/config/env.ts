/**
 * Build-time configuration. Expo inlines `process.env.EXPO_PUBLIC_*` when it bundles
 * (`expo start`, `expo export`), so each variable must be read by its literal name.
 * Settings the user can change at run time (API URL, theme) start from these defaults.
 */

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export interface CognitoConfig {
  /** Hosted UI domain, e.g. `https://aiblog-dev.auth.eu-west-1.amazoncognito.com`. */
  domain: string;
  clientId: string;
  scopes: string[];
  /** Which token the API's JWT authorizer is given. */
  tokenUse: 'access' | 'id';
}

function cognito(): CognitoConfig | null {
  const domain = process.env.EXPO_PUBLIC_COGNITO_DOMAIN?.trim();
  const clientId = process.env.EXPO_PUBLIC_COGNITO_CLIENT_ID?.trim();
  if (!domain || !clientId) return null;
  const scopes = (process.env.EXPO_PUBLIC_COGNITO_SCOPES ?? 'openid email profile')
    .split(/[\s,]+/)
    .filter(Boolean);
  const tokenUse = process.env.EXPO_PUBLIC_COGNITO_TOKEN_USE === 'id' ? 'id' : 'access';
  return {
    domain: (/^https?:\/\//.test(domain) ? domain : `https://${domain}`).replace(/\/+$/, ''),
    clientId,
    scopes,
    tokenUse,
  };
}

export const env = {
  /** Where the app looks for the API until the user changes it in Settings. */
  defaultApiUrl: process.env.EXPO_PUBLIC_API_URL?.trim() || 'http://localhost:3000',
  /** Pre-fills the dev-token field on the sign-in screen (local `./aiblog serve` only). */
  devToken: process.env.EXPO_PUBLIC_DEV_TOKEN?.trim() || '',
  feedPageSize: Math.min(positiveInt(process.env.EXPO_PUBLIC_FEED_PAGE_SIZE, 20), 50),
  requestPollMs: positiveInt(process.env.EXPO_PUBLIC_REQUEST_POLL_MS, 1500),
  cognito: cognito(),
} as const;

export type Env = typeof env;
