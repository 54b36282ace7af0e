import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import type { LoginMutation } from '../gql/graphql';
import { createApiClient, type ApiClient } from './client';

/**
 * The signed-in session. The token lives in memory and in sessionStorage (so a reload keeps the
 * tab signed in, a new tab or a closed browser does not); it is dropped when it expires, when
 * the server answers UNAUTHENTICATED, or on sign-out.
 */
export type Session = LoginMutation['login'];

const STORAGE_KEY = 'nocode.session';

export function readStoredSession(storage: Pick<Storage, 'getItem'> | undefined, now = Date.now()): Session | null {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'string') return null;
    return Date.parse(parsed.expiresAt) > now ? { token: parsed.token, expiresAt: parsed.expiresAt } : null;
  } catch {
    return null;
  }
}

export type SignOutReason = 'expired' | null;

interface SessionContextValue {
  session: Session | null;
  api: ApiClient;
  signedOutBecause: SignOutReason;
  signIn: (session: Session) => void;
  signOut: (reason?: SignOutReason) => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => readStoredSession(globalThis.sessionStorage));
  const [signedOutBecause, setSignedOutBecause] = useState<SignOutReason>(null);

  const signOut = useCallback((reason: SignOutReason = null) => {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage unavailable: the in-memory token is dropped all the same.
    }
    setSession(null);
    setSignedOutBecause(reason);
  }, []);

  const signIn = useCallback((next: Session) => {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Without storage the session lasts until the page is reloaded.
    }
    setSignedOutBecause(null);
    setSession(next);
  }, []);

  // One API client per token: a new token means a new WebSocket whose connection_init carries it.
  const apiRef = useRef<{ token: string | null; api: ApiClient } | null>(null);
  const token = session?.token ?? null;
  if (!apiRef.current || apiRef.current.token !== token) {
    apiRef.current?.api.dispose();
    apiRef.current = { token, api: createApiClient(token, () => signOut('expired')) };
  }
  const api = apiRef.current.api;

  useEffect(() => {
    if (!session) return;
    const remaining = Date.parse(session.expiresAt) - Date.now();
    if (remaining <= 0) {
      signOut('expired');
      return;
    }
    const timer = setTimeout(() => signOut('expired'), Math.min(remaining, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  return (
    <SessionContext.Provider value={{ session, api, signedOutBecause, signIn, signOut }}>
      <UrqlProvider value={api.client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
