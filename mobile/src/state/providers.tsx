import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import Constants from 'expo-constants';
import { useState } from 'react';

import { ApiProvider } from '@/api/context';
import { ThemeProvider } from '@/theme';

import { createPersister, createQueryClient, PERSIST_MAX_AGE, shouldPersistQuery } from './query-client';
import { NoticesProvider } from './notices';
import { RequestWatchProvider } from './request-watch';
import { SavedProvider } from './saved';
import { SessionProvider } from './session';
import { SettingsProvider } from './settings';

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
          <ApiProvider>
            <ThemeProvider>
              <SavedProvider>
                <NoticesProvider>
                  <RequestWatchProvider>{children}</RequestWatchProvider>
                </NoticesProvider>
              </SavedProvider>
            </ThemeProvider>
          </ApiProvider>
        </SessionProvider>
      </PersistQueryClientProvider>
    </SettingsProvider>
  );
}
