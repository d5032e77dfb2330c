import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

import { env, type CognitoConfig } from '@/config/env';
import { refreshCognitoTokens, usernameFromIdToken, type CognitoTokens } from '@/lib/cognito';
import { secureStore } from '@/lib/secure-store';

/** Who is signed in: the local dev token, or Cognito tokens. Reading needs neither. */
export type Session =
  | { kind: 'dev'; token: string }
  | ({ kind: 'cognito'; username?: string } & CognitoTokens);

const STORAGE_KEY = 'aiblog.session.v1';
const REFRESH_MARGIN_MS = 60_000;

interface SessionContextValue {
  session: Session | null;
  signInWithDevToken: (token: string) => Promise<void>;
  signInWithCognito: (tokens: CognitoTokens) => Promise<void>;
  signOut: () => Promise<void>;
  /** A bearer token for the API, refreshed when a Cognito token is about to expire. */
  getToken: () => Promise<string | null>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    if (s.kind === 'dev' && typeof s.token === 'string' && s.token) return s;
    if (s.kind === 'cognito' && typeof s.accessToken === 'string') return s;
  } catch {
    // fall through
  }
  return null;
}

export function SessionProvider({
  initial,
  cognito = env.cognito,
  children,
}: {
  /** Tests pass the session (or null) instead of reading secure storage. */
  initial?: Session | null;
  cognito?: CognitoConfig | null;
  children: React.ReactNode;
}) {
  const [loaded, setLoaded] = useState(initial !== undefined);
  const [session, setSession] = useState<Session | null>(initial ?? null);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  useEffect(() => {
    if (initial !== undefined) return;
    secureStore
      .get(STORAGE_KEY)
      .catch(() => null)
      .then((raw) => {
        setSession(parse(raw));
        setLoaded(true);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const save = useCallback(async (next: Session | null) => {
    sessionRef.current = next;
    setSession(next);
    try {
      if (next) await secureStore.set(STORAGE_KEY, JSON.stringify(next));
      else await secureStore.remove(STORAGE_KEY);
    } catch {
      // Storage can fail (web private mode); the session still lives for this run.
    }
  }, []);

  const signInWithDevToken = useCallback(
    (token: string) => save({ kind: 'dev', token: token.trim() }),
    [save],
  );
  const signInWithCognito = useCallback(
    (tokens: CognitoTokens) =>
      save({ kind: 'cognito', username: usernameFromIdToken(tokens.idToken), ...tokens }),
    [save],
  );
  const queryClient = useQueryClient();
  const signOut = useCallback(async () => {
    // What this user liked is theirs; the next one starts fresh.
    queryClient.removeQueries({ queryKey: ['liked'] });
    await save(null);
  }, [queryClient, save]);

  const getToken = useCallback(async (): Promise<string | null> => {
    const s = sessionRef.current;
    if (!s) return null;
    if (s.kind === 'dev') return s.token;
    let current: Session = s;
    if (cognito && s.refreshToken && s.expiresAt - REFRESH_MARGIN_MS < Date.now()) {
      try {
        const tokens = await refreshCognitoTokens(cognito, s);
        current = { ...s, ...tokens };
        await save(current);
      } catch {
        await save(null);
        return null;
      }
    }
    if (current.kind !== 'cognito') return null;
    return cognito?.tokenUse === 'id' && current.idToken ? current.idToken : current.accessToken;
  }, [cognito, save]);

  const value = useMemo(
    () => ({ session, signInWithDevToken, signInWithCognito, signOut, getToken }),
    [session, signInWithDevToken, signInWithCognito, signOut, getToken],
  );
  if (!loaded) return null;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
