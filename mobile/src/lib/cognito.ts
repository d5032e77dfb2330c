/**
 * Cognito hosted UI (OAuth 2.0 authorization code + PKCE) through expo-auth-session.
 * Endpoints: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html
 */
import * as AuthSession from 'expo-auth-session';

import type { CognitoConfig } from '@/config/env';

export function cognitoDiscovery(config: CognitoConfig): AuthSession.DiscoveryDocument {
  return {
    authorizationEndpoint: `${config.domain}/oauth2/authorize`,
    tokenEndpoint: `${config.domain}/oauth2/token`,
    revocationEndpoint: `${config.domain}/oauth2/revoke`,
    userInfoEndpoint: `${config.domain}/oauth2/userInfo`,
    endSessionEndpoint: `${config.domain}/logout`,
  };
}

/** `aiblog://sign-in` on a device; `<origin>/sign-in` on the web. Register both in the app client. */
export function cognitoRedirectUri(): string {
  return AuthSession.makeRedirectUri({ scheme: 'aiblog', path: 'sign-in' });
}

export interface CognitoTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export function tokensFrom(res: AuthSession.TokenResponse, previous?: CognitoTokens): CognitoTokens {
  const issuedAt = (res.issuedAt ?? Math.floor(Date.now() / 1000)) * 1000;
  return {
    accessToken: res.accessToken,
    idToken: res.idToken ?? previous?.idToken,
    // Cognito does not rotate refresh tokens by default: keep the one we had.
    refreshToken: res.refreshToken ?? previous?.refreshToken,
    expiresAt: issuedAt + (res.expiresIn ?? 3600) * 1000,
  };
}

export async function refreshCognitoTokens(
  config: CognitoConfig,
  tokens: CognitoTokens,
): Promise<CognitoTokens> {
  if (!tokens.refreshToken) throw new Error('No refresh token');
  const res = await AuthSession.refreshAsync(
    { clientId: config.clientId, refreshToken: tokens.refreshToken, scopes: config.scopes },
    cognitoDiscovery(config),
  );
  return tokensFrom(res, tokens);
}

/** The `email` or `cognito:username` claim of an ID token, for display only (not verified). */
export function usernameFromIdToken(idToken?: string): string | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(
      globalThis.atob(
        payload
          .replace(/-/g, '+')
          .replace(/_/g, '/')
          .padEnd(Math.ceil(payload.length / 4) * 4, '='),
      ),
    ) as Record<string, unknown>;
    const name = json.email ?? json['cognito:username'] ?? json.username;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
