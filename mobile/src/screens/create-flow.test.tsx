/**
 * (Not in src/app: expo-router would bundle a test there as a route.)
 *
 * The create flow across real routes (expo-router's in-memory router): the form, the
 * request's progress through each status, and the published post.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, renderRouter, screen, waitFor } from 'expo-router/testing-library';

import { ApiProvider } from '@/api/context';
import { SettingsThemeProvider } from '@/state/providers';
import { FakeAiBlogApi, makePost } from '@/api/fake';
import { STEPS } from '@/api/types';
import { AppConfigProvider } from '@/state/app-config';
import { NoticesProvider } from '@/state/notices';
import { RequestWatchProvider } from '@/state/request-watch';
import { SavedProvider } from '@/state/saved';
import { SessionProvider } from '@/state/session';
import { SettingsProvider } from '@/state/settings';
import { createTestQueryClient, DEV_SESSION } from '@/test/render';

import CreateRoute from '@/app/(tabs)/create';
import PostRoute from '@/app/post/[id]';
import RequestRoute from '@/app/request/[id]';

jest.mock('@/lib/ids', () => ({ newIdempotencyKey: () => 'key-1' }));

it('creates a post and follows it QUEUED → RUNNING → PUBLISHED into the post', async () => {
  const api = new FakeAiBlogApi();
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <SettingsProvider initial={{ theme: 'dark' }}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider initial={DEV_SESSION} cognito={null}>
          <ApiProvider api={api}>
            <AppConfigProvider value={{ feedPageSize: 3, requestPollMs: 10 }}>
              <SettingsThemeProvider>
                <SavedProvider initial={[]}>
                  <NoticesProvider>
                    <RequestWatchProvider>{children}</RequestWatchProvider>
                  </NoticesProvider>
                </SavedProvider>
              </SettingsThemeProvider>
            </AppConfigProvider>
          </ApiProvider>
        </SessionProvider>
      </QueryClientProvider>
    </SettingsProvider>
  );
  const router = renderRouter(
    { create: CreateRoute, 'request/[id]': RequestRoute, 'post/[id]': PostRoute },
    { initialUrl: '/create', wrapper },
  );

  fireEvent.changeText(await screen.findByLabelText('Topic'), 'Why octopuses are clever');
  fireEvent.press(screen.getByRole('button', { name: 'Write my post' }));

  await waitFor(() => expect(router.getPathname()).toBe('/request/req-1'));
  expect(await screen.findByText('Waiting to start')).toBeOnTheScreen();
  expect(screen.getByTestId('request-topic')).toHaveTextContent('Why octopuses are clever');

  for (const step of STEPS) {
    await act(async () => api.update('req-1', { status: 'RUNNING', step }));
    await waitFor(() => expect(screen.getByTestId('request-status')).toHaveTextContent('Being written'));
  }

  const published = makePost(1, { id: 'post-new', title: 'Why octopuses are clever' });
  api.posts.unshift(published);
  await act(async () => api.update('req-1', { status: 'PUBLISHED', postId: 'post-new' }));

  await waitFor(() => expect(router.getPathname()).toBe('/post/post-new'));
  expect(await screen.findByRole('header', { name: 'Why octopuses are clever' })).toBeOnTheScreen();
});
