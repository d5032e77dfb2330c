import { createContext, useContext, useMemo } from 'react';

import { useSession } from '@/state/session';
import { useSettings } from '@/state/settings';

import { HttpAiBlogApi } from './http';
import type { AiBlogApi } from './types';

const ApiContext = createContext<AiBlogApi | null>(null);

/**
 * Supplies the {@link AiBlogApi}: the given one (tests), or HTTP against the API URL from
 * Settings with the signed-in user's token.
 */
export function ApiProvider({ api, children }: { api?: AiBlogApi; children: React.ReactNode }) {
  const { settings } = useSettings();
  const { getToken, markExpired } = useSession();
  const value = useMemo(
    () => api ?? new HttpAiBlogApi({ baseUrl: settings.apiUrl, getToken, onUnauthorized: markExpired }),
    [api, settings.apiUrl, getToken, markExpired],
  );
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApi(): AiBlogApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
