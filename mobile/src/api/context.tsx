import { createContext, useContext } from 'react';

import type { AiBlogApi } from './types';

const ApiContext = createContext<AiBlogApi | null>(null);

/**
 * Supplies the {@link AiBlogApi} screens and queries use: HTTP in the app (the state layer builds it
 * from the reader's settings and session), a fake in tests.
 */
export function ApiProvider({ api, children }: { api: AiBlogApi; children: React.ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): AiBlogApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
