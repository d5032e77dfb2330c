/**
 * (Not in src/app: expo-router would bundle a test there as a route.)
 *
 * The Review tab across real routes (expo-router's in-memory router): shown to editors only, and an
 * editor's way from the queue into a draft, an edited approval, and back to the queue.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { router as appRouter } from 'expo-router';
import { act, fireEvent, renderRouter, screen, waitFor } from 'expo-router/testing-library';
import { Pressable, Text } from 'react-native';

import { ApiProvider } from '@/api/context';
import { FakeAiBlogApi, makeDraft } from '@/api/fake';
import { NoticeBanner } from '@/components/NoticeBanner';
import { AppConfigProvider } from '@/state/app-config';
import { NoticesProvider } from '@/state/notices';
import { SettingsThemeProvider } from '@/state/providers';
import { RequestWatchProvider } from '@/state/request-watch';
import { SavedProvider } from '@/state/saved';
import { SessionProvider, useSession, type Session } from '@/state/session';
import { SettingsProvider } from '@/state/settings';
import { createTestQueryClient, DEV_SESSION } from '@/test/render';

import TabsLayout from '@/app/(tabs)/_layout';
import ReviewRoute from '@/app/(tabs)/review';
import ReviewDraftRoute from '@/app/review/[id]';

const Stub = (name: string) => {
  function StubScreen() {
    return <Text>{name}</Text>;
  }
  return StubScreen;
};

/** Settings, as far as this test needs it: a way to sign out, or in as someone else. */
function SessionSwitch() {
  const { signOut, signInWithDevToken } = useSession();
  return (
    <>
      <Pressable accessibilityRole="button" onPress={() => void signOut()}>
        <Text>Sign out</Text>
      </Pressable>
      <Pressable accessibilityRole="button" onPress={() => void signInWithDevToken('token:bob')}>
        <Text>Sign in as bob</Text>
      </Pressable>
    </>
  );
}

function renderApp(api: FakeAiBlogApi, session: Session | null = DEV_SESSION, initialUrl = '/') {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <SettingsProvider initial={{ theme: 'light' }}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider initial={session} cognito={null}>
          <ApiProvider api={api}>
            <AppConfigProvider value={{ feedPageSize: 3, requestPollMs: 10 }}>
              <SettingsThemeProvider>
                <SavedProvider initial={[]}>
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
  return renderRouter(
    {
      '(tabs)/_layout': TabsLayout,
      '(tabs)/index': Stub('Home'),
      '(tabs)/saved': Stub('Saved'),
      '(tabs)/create': Stub('Write'),
      '(tabs)/mine': Stub('My posts'),
      '(tabs)/review': ReviewRoute,
      '(tabs)/settings': SessionSwitch,
      'review/[id]': ReviewDraftRoute,
    },
    { initialUrl, wrapper },
  );
}

describe('the Review tab', () => {
  it('is shown to an editor', async () => {
    const api = new FakeAiBlogApi();
    api.me = { userId: 'alice', editor: true };
    renderApp(api);

    expect(await screen.findByTestId('tab-review')).toBeOnTheScreen();
    expect(screen.getByTestId('tab-mine')).toBeOnTheScreen();
  });

  it('is not shown to a reader who is not an editor', async () => {
    const api = new FakeAiBlogApi();
    api.me = { userId: 'bob', editor: false };
    const me = jest.spyOn(api, 'getMe');
    renderApp(api);

    await waitFor(() => expect(me).toHaveBeenCalled());
    await screen.findByTestId('tab-mine');
    expect(screen.queryByTestId('tab-review')).toBeNull();
  });

  it('is not shown when signed out, and nobody is asked who they are', async () => {
    const api = new FakeAiBlogApi();
    api.me = { userId: 'alice', editor: true };
    const me = jest.spyOn(api, 'getMe');
    renderApp(api, null);

    await screen.findByTestId('tab-mine');
    expect(screen.queryByTestId('tab-review')).toBeNull();
    expect(me).not.toHaveBeenCalled();
  });

  it.each([
    ['signs out', 'Sign out'],
    ['signs in as someone who is not an editor', 'Sign in as bob'],
  ])('goes when the editor %s', async (_name, button) => {
    const api = new FakeAiBlogApi();
    api.me = { userId: 'alice', editor: true };
    renderApp(api);
    fireEvent.press(await screen.findByTestId('tab-settings'));
    await screen.findByTestId('tab-review');

    api.me = { userId: 'bob', editor: false };
    fireEvent.press(await screen.findByRole('button', { name: button }));

    await waitFor(() => expect(screen.queryByTestId('tab-review')).toBeNull());
  });

  it('takes an editor from the queue into a draft, approves it with a new title, and back to the queue', async () => {
    const api = new FakeAiBlogApi();
    api.me = { userId: 'alice', editor: true };
    api.reviews = [makeDraft(1), makeDraft(2)];
    const decide = jest.spyOn(api, 'decideReview');
    const router = renderApp(api);

    fireEvent.press(await screen.findByTestId('tab-review'));
    await waitFor(() => expect(router.getPathname()).toBe('/review'));
    fireEvent.press(await screen.findByTestId('open-review-review-1'));
    await waitFor(() => expect(router.getPathname()).toBe('/review/review-1'));

    fireEvent.changeText(await screen.findByLabelText('Title'), 'The edited title');
    fireEvent.press(screen.getByRole('button', { name: 'Approve with edits' }));

    await waitFor(() => expect(router.getPathname()).toBe('/review'));
    expect(decide).toHaveBeenCalledWith('review-1', { decision: 'approve', title: 'The edited title' });
    expect(await screen.findByTestId('notice-title')).toHaveTextContent('Approved');
    await waitFor(() => expect(screen.queryByTestId('review-card-review-1')).toBeNull());
    expect(screen.getByTestId('review-card-review-2')).toBeOnTheScreen();
    expect(api.posts[0]!.title).toBe('The edited title');
  });

  it('asks before Back throws an editor’s edits away', async () => {
    const api = new FakeAiBlogApi();
    api.me = { userId: 'alice', editor: true };
    api.reviews = [makeDraft(1)];
    const router = renderApp(api, DEV_SESSION, '/review');
    fireEvent.press(await screen.findByTestId('open-review-review-1'));
    fireEvent.changeText(await screen.findByLabelText('Title'), 'Unfinished');

    act(() => appRouter.back());

    expect(await screen.findByText('Leave without your edits?')).toBeOnTheScreen();
    expect(router.getPathname()).toBe('/review/review-1');
    fireEvent.press(screen.getByRole('button', { name: 'Discard edits' }));
    await waitFor(() => expect(router.getPathname()).not.toBe('/review/review-1'));
    expect(screen.queryByText('Leave without your edits?')).toBeNull();
  });
});
