/**
 * The last feed reads offline: what one run of the app loaded is restored from AsyncStorage
 * by the next, and shown even when the server cannot be reached.
 */
import AsyncStorage from '@react-native-async-storage/async-storage';
import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { render, screen, waitFor } from '@testing-library/react-native';
import { useEffect } from 'react';
import { Text } from 'react-native';

import { ApiProvider } from '@/api/context';
import { SettingsThemeProvider } from '@/state/providers';
import { FakeAiBlogApi, makePost } from '@/api/fake';
import { ApiError, type AiBlogApi } from '@/api/types';
import { FeedScreen } from '@/screens/FeedScreen';
import { AppConfigProvider } from '@/state/app-config';
import { shouldPersistQuery } from '@/state/query-client';
import { feedQueryKey } from '@/state/queries/feed';
import { requestQueryKey } from '@/state/queries/request';
import { SavedProvider, useSaved } from '@/state/saved';
import { SessionProvider } from '@/state/session';
import { SettingsProvider } from '@/state/settings';
import { createTestQueryClient, DEV_SESSION } from '@/test/render';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

const KEY = 'test.query-cache';

function App({
  api,
  queryClient,
}: {
  api: AiBlogApi;
  queryClient: ReturnType<typeof createTestQueryClient>;
}) {
  const persister = createAsyncStoragePersister({ storage: AsyncStorage, key: KEY, throttleTime: 0 });
  return (
    <SettingsProvider initial={{}}>
      <PersistQueryClientProvider
        client={queryClient}
        persistOptions={{ persister, dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery } }}>
        <SessionProvider initial={DEV_SESSION} cognito={null}>
          <ApiProvider api={api}>
            <AppConfigProvider value={{ feedPageSize: 3, requestPollMs: 10 }}>
              <SettingsThemeProvider>
                <SavedProvider>
                  <FeedScreen />
                </SavedProvider>
              </SettingsThemeProvider>
            </AppConfigProvider>
          </ApiProvider>
        </SessionProvider>
      </PersistQueryClientProvider>
    </SettingsProvider>
  );
}

beforeEach(() => AsyncStorage.clear());

it('shows the last loaded feed when the next run is offline', async () => {
  const firstRun = createTestQueryClient();
  const first = render(<App api={FakeAiBlogApi.withPosts(3)} queryClient={firstRun} />);
  await screen.findByText('Post number 3');
  // ...loaded an hour ago, so the next run will want it fresh.
  const hourAgo = Date.now() - 60 * 60_000;
  firstRun.setQueryData(feedQueryKey(), firstRun.getQueryData(feedQueryKey()), { updatedAt: hourAgo });
  // Not everything is kept: a generation request's status is only worth having fresh.
  firstRun.setQueryData(requestQueryKey('req-1'), { requestId: 'req-1' });
  await waitFor(async () => expect(await AsyncStorage.getItem(KEY)).toContain('Post number 1'));
  first.unmount();
  expect(await AsyncStorage.getItem(KEY)).not.toContain('req-1');

  const offline = new FakeAiBlogApi();
  jest.spyOn(offline, 'getFeed').mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', 'No network.'));
  render(<App api={offline} queryClient={createTestQueryClient()} />);

  expect(await screen.findByText('Post number 3')).toBeOnTheScreen();
  expect(screen.getByText('Post number 1')).toBeOnTheScreen();
  expect(await screen.findByTestId('feed-offline-banner')).toBeOnTheScreen();
});

it('keeps saved posts on the device between runs', async () => {
  const first = render(
    <SettingsProvider initial={{}}>
      <SavedProvider>
        <SaveFirst />
      </SavedProvider>
    </SettingsProvider>,
  );
  await waitFor(async () => expect(await AsyncStorage.getItem('aiblog.saved.v1')).toContain('post-2'));
  first.unmount();

  render(
    <SavedProvider>
      <ShowSaved />
    </SavedProvider>,
  );

  expect(await screen.findByText('saved: post-2')).toBeOnTheScreen();
});

function SaveFirst() {
  const saved = useSaved();
  useEffect(() => {
    saved.toggle(makePost(2));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}

function ShowSaved() {
  const { posts } = useSaved();
  return <Text>saved: {posts.map((p) => p.item.id).join(',')}</Text>;
}
