import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import Constants from 'expo-constants';
import { useMemo, useState } from 'react';

import { ApiProvider } from '@/api/context';
import { HttpAiBlogApi } from '@/api/http';
import type { AiBlogApi } from '@/api/types';
import { ThemeProvider } from '@/theme';

import { createPersister, createQueryClient, PERSIST_MAX_AGE, shouldPersistQuery } from './query-client';
import { NoticesProvider } from './notices';
import { RequestWatchProvider } from './request-watch';
import { SavedProvider } from './saved';
import { SessionProvider, useSession } from './session';
import { SettingsProvider, useSettings } from './settings';

/**
 * Everything a screen needs, outermost first: settings (API URL, theme, text size), the query
 * cache persisted to AsyncStorage, the session, the API built from both, the theme, saved posts,
 * in-app notices, and the watch on the reader's own requests.
 */
export function AppProviders({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [persister] = useState(createPersister);
  return (
    <SettingsProvider>
      <PersistQueryClientProvider
        client={queryClient}
        persistOptions={{
          persister,
          maxAge: PERSIST_MAX_AGE,
          buster: Constants.expoConfig?.version ?? '1',
          dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery },
        }}>
        <SessionProvider>
          <SessionApiProvider>
            <SettingsThemeProvider>
              <SavedProvider>
                <NoticesProvider>
                  <RequestWatchProvider>{children}</RequestWatchProvider>
                </NoticesProvider>
              </SavedProvider>
            </SettingsThemeProvider>
          </SessionApiProvider>
        </SessionProvider>
      </PersistQueryClientProvider>
    </SettingsProvider>
  );
}

/**
 * The API over HTTP at the address in the reader's settings, with the signed-in user's token; or
 * `api` when given (tests).
 */
export function SessionApiProvider({ api, children }: { api?: AiBlogApi; children: React.ReactNode }) {
  const { settings } = useSettings();
  const { getToken, markExpired } = useSession();
  const value = useMemo(
    () => api ?? new HttpAiBlogApi({ baseUrl: settings.apiUrl, getToken, onUnauthorized: markExpired }),
    [api, settings.apiUrl, getToken, markExpired],
  );
  return <ApiProvider api={value}>{children}</ApiProvider>;
}

/** The theme and text size the reader chose in Settings. */
export function SettingsThemeProvider({ children }: { children: React.ReactNode }) {
  const { settings } = useSettings();
  return (
    <ThemeProvider preference={settings.theme} textSize={settings.textSize}>
      {children}
    </ThemeProvider>
  );
}
