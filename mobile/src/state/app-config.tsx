import { createContext, useContext } from 'react';

import { env } from '@/config/env';

/** Tunables that tests shorten (poll interval) and builds set through `EXPO_PUBLIC_*`. */
export interface AppConfig {
  feedPageSize: number;
  requestPollMs: number;
}

const AppConfigContext = createContext<AppConfig>({
  feedPageSize: env.feedPageSize,
  requestPollMs: env.requestPollMs,
});

export const AppConfigProvider = AppConfigContext.Provider;

export function useAppConfig(): AppConfig {
  return useContext(AppConfigContext);
}
