import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';

/** A short message at the top of the screen: a post got published, a link was copied. */
export interface Notice {
  tone: 'success' | 'error' | 'info';
  title: string;
  message?: string;
  /** Where the notice leads (an app path), and what the button says. */
  action?: { label: string; href: string };
  /** Milliseconds before it goes by itself; 0 = until dismissed. */
  durationMs?: number;
}

export interface ShownNotice extends Notice {
  id: number;
}

interface NoticesContextValue {
  current: ShownNotice | null;
  show: (notice: Notice) => void;
  dismiss: () => void;
}

const NoticesContext = createContext<NoticesContextValue | null>(null);

/** One notice at a time; a newer one replaces the one showing. */
export function NoticesProvider({ children }: { children: React.ReactNode }) {
  const [current, setCurrent] = useState<ShownNotice | null>(null);
  const next = useRef(1);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const dismiss = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setCurrent(null);
  }, []);

  const show = useCallback((notice: Notice) => {
    if (timer.current) clearTimeout(timer.current);
    const shown = { ...notice, id: next.current++ };
    setCurrent(shown);
    const duration = notice.durationMs ?? 10_000;
    timer.current =
      duration > 0 ? setTimeout(() => setCurrent((c) => (c?.id === shown.id ? null : c)), duration) : null;
  }, []);

  const value = useMemo(() => ({ current, show, dismiss }), [current, show, dismiss]);
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>;
}

export function useNotices(): NoticesContextValue {
  const ctx = useContext(NoticesContext);
  if (!ctx) throw new Error('useNotices outside NoticesProvider');
  return ctx;
}
