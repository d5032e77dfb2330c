import { act, fireEvent, screen, waitFor, within } from '@testing-library/react-native';

import { FakeAiBlogApi } from '@/api/fake';
import { notifyLocally } from '@/lib/notify';
import { useRequestWatch } from '@/state/request-watch';
import { renderWithProviders } from '@/test/render';
import { mockPathname, mockRouter } from '@/test/router-mock';

import { MyPostsScreen } from './MyPostsScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

async function requests(api: FakeAiBlogApi, ...topics: string[]) {
  const ids: string[] = [];
  for (const topic of topics) ids.push((await api.createPost({ topic })).requestId);
  return ids;
}

beforeEach(() => {
  mockPathname.current = '/mine';
});

describe('MyPostsScreen', () => {
  it('asks a signed-out reader to sign in', () => {
    renderWithProviders(<MyPostsScreen />, { session: null });

    expect(screen.getByText('Sign in to see your posts')).toBeOnTheScreen();
    fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
    expect(mockRouter.push).toHaveBeenCalledWith('/sign-in');
  });

  it('lists the reader’s requests newest first, in words, and opens each where it makes sense', async () => {
    const api = new FakeAiBlogApi();
    const [older, newer, rejected] = await requests(api, 'Tide pools', 'Lighthouses', 'Something flagged');
    api.update(older!, { status: 'PUBLISHED', step: 'PUBLISH', postId: 'post-1' });
    api.update(newer!, { status: 'RUNNING', step: 'IMAGE' });
    api.update(rejected!, { status: 'REJECTED', step: 'MODERATE_TOPIC' });
    renderWithProviders(<MyPostsScreen />, { api });

    await screen.findByText('Tide pools');
    const rows = screen.getAllByRole('link');
    expect(rows.map((r) => within(r).getAllByText(/./)[0]!.props.children)).toEqual([
      'Something flagged',
      'Lighthouses',
      'Tide pools',
    ]);
    expect(within(screen.getByTestId(`my-request-${newer}`)).getByText('Being written')).toBeOnTheScreen();
    expect(
      within(screen.getByTestId(`my-request-${newer}`)).getByText(/^Drawing the illustration · step 4 of 5/),
    ).toBeOnTheScreen();
    expect(within(screen.getByTestId(`my-request-${rejected}`)).getByText('Not published')).toBeOnTheScreen();
    expect(screen.queryByText(/RUNNING|REJECTED|PUBLISHED/)).toBeNull();

    fireEvent.press(screen.getByTestId(`my-request-${older}`));
    expect(mockRouter.push).toHaveBeenLastCalledWith('/post/post-1');
    fireEvent.press(screen.getByTestId(`my-request-${newer}`));
    expect(mockRouter.push).toHaveBeenLastCalledWith(`/request/${newer}`);
  });

  it('says a request waiting for an editor is “Awaiting review”, and when an editor turned it down', async () => {
    const api = new FakeAiBlogApi();
    const [waiting, turnedDown] = await requests(api, 'Tide pools', 'Lighthouses');
    api.update(waiting!, { status: 'AWAITING_REVIEW', step: 'REVIEW' });
    api.update(turnedDown!, { status: 'REJECTED', step: 'REVIEW', reason: 'Off topic.' });
    renderWithProviders(<MyPostsScreen />, { api });

    const row = await screen.findByTestId(`my-request-${waiting}`);
    expect(within(row).getByTestId(`my-request-status-${waiting}`)).toHaveTextContent('Awaiting review');
    expect(within(row).getByText(/^Written; an editor reads it before it’s published/)).toBeOnTheScreen();
    expect(
      within(screen.getByTestId(`my-request-${turnedDown}`)).getByText(/^An editor didn’t approve it/),
    ).toBeOnTheScreen();
    expect(screen.queryByText(/AWAITING_REVIEW/)).toBeNull();
  });

  it('keeps polling what is running, and tells the reader when it is published', async () => {
    const api = new FakeAiBlogApi();
    const [id] = await requests(api, 'Why cats knead');
    api.update(id!, { status: 'RUNNING', step: 'TEXT' });
    renderWithProviders(<MyPostsScreen />, { api });
    await screen.findByText('Being written');

    await act(async () => api.update(id!, { status: 'PUBLISHED', step: 'PUBLISH', postId: 'post-9' }));

    expect(await screen.findByText('Your post is published')).toBeOnTheScreen();
    expect(screen.getByTestId('notice-message')).toHaveTextContent('“Why cats knead”');
    expect(within(screen.getByTestId(`my-request-${id}`)).getByText('Published')).toBeOnTheScreen();
    expect(notifyLocally).toHaveBeenCalledWith('Your post is published', '“Why cats knead”', '/post/post-9');
    fireEvent.press(screen.getByRole('button', { name: 'Read it' }));
    expect(mockRouter.push).toHaveBeenCalledWith('/post/post-9');
    expect(screen.queryByText('Your post is published')).toBeNull();

    // Nothing left running: no more polling.
    const list = jest.spyOn(api, 'listRequests');
    await act(() => new Promise((r) => setTimeout(r, 80)));
    expect(list).not.toHaveBeenCalled();
  });

  it('tells the reader when a request is rejected, with the way to see why', async () => {
    const api = new FakeAiBlogApi();
    const [id] = await requests(api, 'Something flagged');
    renderWithProviders(<MyPostsScreen />, { api });
    await screen.findByText('Waiting to start');

    await act(async () => api.update(id!, { status: 'REJECTED', step: 'MODERATE_TOPIC', reason: 'flagged' }));

    expect(await screen.findByText('Your post wasn’t published')).toBeOnTheScreen();
    fireEvent.press(screen.getByRole('button', { name: 'See why' }));
    expect(mockRouter.push).toHaveBeenCalledWith(`/request/${id}`);
  });

  it('stays quiet about requests that had ended before the app saw them, and on the request’s own screen', async () => {
    const api = new FakeAiBlogApi();
    const [done, watched] = await requests(api, 'Old news', 'Watched closely');
    api.update(done!, { status: 'PUBLISHED', postId: 'post-1' });
    api.update(watched!, { status: 'RUNNING', step: 'TEXT' });
    mockPathname.current = `/request/${watched}`;
    renderWithProviders(<MyPostsScreen />, { api });
    await screen.findByText('Old news');

    await act(async () => api.update(watched!, { status: 'PUBLISHED', postId: 'post-2' }));
    await waitFor(() =>
      expect(within(screen.getByTestId(`my-request-${watched}`)).getByText('Published')).toBeOnTheScreen(),
    );

    expect(screen.queryByTestId('notice-banner')).toBeNull();
    expect(notifyLocally).not.toHaveBeenCalled();
  });

  it('tells the reader who left the request’s screen before that screen heard the news', async () => {
    const api = new FakeAiBlogApi();
    const [id] = await requests(api, 'Left early');
    api.update(id!, { status: 'RUNNING', step: 'TEXT' });
    mockPathname.current = `/request/${id}`;
    const view = renderWithProviders(<MyPostsScreen />, { api });
    await screen.findByText('Left early');
    await act(async () => api.update(id!, { status: 'PUBLISHED', postId: 'post-4' }));
    await waitFor(() =>
      expect(within(screen.getByTestId(`my-request-${id}`)).getByText('Published')).toBeOnTheScreen(),
    );
    expect(screen.queryByTestId('notice-banner')).toBeNull();

    mockPathname.current = '/mine';
    view.rerender(<MyPostsScreen />);

    expect(await screen.findByText('Your post is published')).toBeOnTheScreen();
  });

  it('tells the reader about a post made in the app even when it is published before the list shows it', async () => {
    const api = new FakeAiBlogApi();
    let watch: ((id: string) => void) | undefined;
    function Creator() {
      watch = useRequestWatch().watch;
      return null;
    }
    renderWithProviders(
      <>
        <MyPostsScreen />
        <Creator />
      </>,
      { api },
    );
    await screen.findByText('You haven’t asked for a post yet');
    const [id] = await requests(api, 'Fast one');
    api.update(id!, { status: 'PUBLISHED', postId: 'post-3' });

    act(() => watch!(id!));

    expect(await screen.findByText('Your post is published')).toBeOnTheScreen();
  });
});
