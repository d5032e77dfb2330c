import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

import { env, type CognitoConfig } from '@/config/env';
import { refreshCognitoTokens, usernameFromIdToken, type CognitoTokens } from '@/lib/cognito';
import type { BlogPost } from '@/api/types';
import { secureStore } from '@/lib/secure-store';

/** The posts' query root (queries/post.ts; not imported, which would be a cycle through the API context). */
const POST_ROOT = 'post';
/** What belongs to one user (queries/me.ts, queries/reviews.ts): reset when someone else signs in. */
const PER_USER_ROOTS = ['me', 'reviews', 'review'];

/** Who is signed in: the local dev token, or Cognito tokens. Reading needs neither. */
export type Session =
  { kind: 'dev'; token: string } | ({ kind: 'cognito'; username?: string } & CognitoTokens);

const STORAGE_KEY = 'aiblog.session.v1';
const REFRESH_MARGIN_MS = 60_000;

interface SessionContextValue {
  session: Session | null;
  /** The server refused the session's token (expired, revoked, a wrong dev token): sign in again. */
  expired: boolean;
  markExpired: () => void;
  signInWithDevToken: (token: string) => Promise<void>;
  signInWithCognito: (tokens: CognitoTokens) => Promise<void>;
  signOut: () => Promise<void>;
  /** A bearer token for the API, refreshed when a Cognito token is about to expire. */
  getToken: () => Promise<string | null>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Who a session is: a refreshed Cognito token is the same reader. */
function identity(s: Session | null): string | null {
  return s ? (s.kind === 'dev' ? `dev:${s.token}` : `cognito:${s.username ?? ''}`) : null;
}

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
  const [expired, setExpired] = useState(false);
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

  const queryClient = useQueryClient();
  const save = useCallback(async (next: Session | null) => {
    const changed = identity(sessionRef.current) !== identity(next);
    sessionRef.current = next;
    setSession(next);
    setExpired(false);
    if (changed) {
      // Whether the reader likes a post depends on who they are: ask again.
      queryClient.setQueriesData<BlogPost>({ queryKey: [POST_ROOT] }, (post) =>
        post ? { ...post, likedByMe: null } : post,
      );
      void queryClient.invalidateQueries({ queryKey: [POST_ROOT] });
      // Whether they are an editor, and what they may review, too.
      for (const root of PER_USER_ROOTS) void queryClient.resetQueries({ queryKey: [root] });
    }
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
  const signOut = useCallback(() => save(null), [save]);
  const markExpired = useCallback(() => setExpired(true), []);

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
    () => ({ session, expired, markExpired, signInWithDevToken, signInWithCognito, signOut, getToken }),
    [session, expired, markExpired, signInWithDevToken, signInWithCognito, signOut, getToken],
  );
  if (!loaded) return null;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
