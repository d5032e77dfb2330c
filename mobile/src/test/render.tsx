import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react-native';

import { ApiProvider } from '@/api/context';
import { SettingsThemeProvider } from '@/state/providers';
import { FakeAiBlogApi } from '@/api/fake';
import type { AiBlogApi } from '@/api/types';
import { NoticeBanner } from '@/components/NoticeBanner';
import { AppConfigProvider, type AppConfig } from '@/state/app-config';
import { NoticesProvider } from '@/state/notices';
import { RequestWatchProvider } from '@/state/request-watch';
import { SavedProvider, type SavedPost } from '@/state/saved';
import { SessionProvider, type Session } from '@/state/session';
import { SettingsProvider, type Settings } from '@/state/settings';

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Infinity, staleTime: 0 },
      // Infinity: no garbage-collection timers left running after a test.
      mutations: { retry: false, gcTime: Infinity },
    },
  });
}

export interface ProviderOptions {
  api?: AiBlogApi;
  session?: Session | null;
  settings?: Partial<Settings>;
  config?: Partial<AppConfig>;
  queryClient?: QueryClient;
  saved?: SavedPost[];
}

export const DEV_SESSION: Session = { kind: 'dev', token: 'test-token' };

/** The app's providers around `ui`, with the API faked at its interface. */
export function renderWithProviders(
  ui: React.ReactElement,
  {
    api = FakeAiBlogApi.withPosts(5),
    session = DEV_SESSION,
    settings = { apiUrl: 'http://localhost:3000', theme: 'light' },
    config,
    queryClient = createTestQueryClient(),
    saved = [],
    ...options
  }: ProviderOptions & Omit<RenderOptions, 'wrapper'> = {},
) {
  const appConfig: AppConfig = { feedPageSize: 3, requestPollMs: 10, ...config };
  function Wrapper({ children }: { children: React.ReactNode }) {
    return (
      <SettingsProvider initial={settings}>
        <QueryClientProvider client={queryClient}>
          <SessionProvider initial={session} cognito={null}>
            <ApiProvider api={api}>
              <AppConfigProvider value={appConfig}>
                <SettingsThemeProvider>
                  <SavedProvider initial={saved}>
                    <NoticesProvider>
                      <RequestWatchProvider>
                        {children}
                        <NoticeBanner />
                      </RequestWatchProvider>
                    </NoticesProvider>
                  </SavedProvider>
                </SettingsThemeProvider>
              </AppConfigProvider>
            </ApiProvider>
          </SessionProvider>
        </QueryClientProvider>
      </SettingsProvider>
    );
  }
  return { ...render(ui, { wrapper: Wrapper, ...options }), api, queryClient };
}
