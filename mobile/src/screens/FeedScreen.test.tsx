import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';

import { FakeAiBlogApi, makePost } from '@/api/fake';
import { ApiError } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { mockRouter } from '@/test/router-mock';

import { FeedScreen } from './FeedScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

const networkDown = () => new ApiError(0, 'NETWORK_ERROR', 'Can’t reach the server.');

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('FeedScreen', () => {
  it('shows skeletons until the first page arrives', async () => {
    const api = FakeAiBlogApi.withPosts(2);
    const page = deferred<Awaited<ReturnType<typeof api.getFeed>>>();
    jest.spyOn(api, 'getFeed').mockReturnValueOnce(page.promise);

    renderWithProviders(<FeedScreen />, { api });

    expect((await screen.findAllByTestId('post-card-skeleton', { includeHiddenElements: true })).length).toBeGreaterThan(0);
    await act(async () => page.resolve(await new FakeAiBlogApi(api.posts).getFeed({ limit: 3 })));
    expect(await screen.findByText('Post number 2')).toBeOnTheScreen();
    expect(screen.queryByTestId('post-card-skeleton', { includeHiddenElements: true })).toBeNull();
  });

  it('pages through the feed with the cursor until nextCursor is null', async () => {
    const api = FakeAiBlogApi.withPosts(7); // pages of 3: 3 + 3 + 1
    const getFeed = jest.spyOn(api, 'getFeed');
    renderWithProviders(<FeedScreen />, { api });
    expect(await screen.findByText('Post number 7')).toBeOnTheScreen();
    expect(screen.queryByText('Post number 4')).toBeNull();

    fireEvent(screen.getByTestId('feed-list'), 'onEndReached');
    expect(await screen.findByText('Post number 4')).toBeOnTheScreen();
    fireEvent(screen.getByTestId('feed-list'), 'onEndReached');
    expect(await screen.findByText('Post number 1')).toBeOnTheScreen();
    expect(screen.getByTestId('feed-end')).toBeOnTheScreen();
    fireEvent(screen.getByTestId('feed-list'), 'onEndReached');

    expect(getFeed.mock.calls.map(([params]) => params.cursor)).toEqual([undefined, '3', '6']);
    expect(getFeed.mock.calls.every(([params]) => params.limit === 3)).toBe(true);
  });

  it('pull to refresh shows new posts and refetches only the first page', async () => {
    const api = FakeAiBlogApi.withPosts(5);
    renderWithProviders(<FeedScreen />, { api });
    expect(await screen.findByText('Post number 5')).toBeOnTheScreen();
    fireEvent(screen.getByTestId('feed-list'), 'onEndReached');
    expect(await screen.findByText('Post number 1')).toBeOnTheScreen();

    api.posts.unshift(makePost(99, { title: 'Brand new post' }));
    const getFeed = jest.spyOn(api, 'getFeed');
    await act(async () => {
      fireEvent(screen.getByTestId('feed-list'), 'onRefresh');
    });

    expect(await screen.findByText('Brand new post')).toBeOnTheScreen();
    expect(getFeed).toHaveBeenCalledTimes(1);
    expect(getFeed.mock.calls[0]![0].cursor).toBeUndefined();
  });

  it('shows an error with a retry that loads the feed', async () => {
    const api = FakeAiBlogApi.withPosts(2);
    jest.spyOn(api, 'getFeed').mockRejectedValueOnce(networkDown());
    renderWithProviders(<FeedScreen />, { api });

    expect(await screen.findByText('Couldn’t load the feed')).toBeOnTheScreen();
    expect(screen.getByText(/Can’t reach the server/)).toBeOnTheScreen();
    fireEvent.press(screen.getByRole('button', { name: 'Try loading the feed again' }));

    expect(await screen.findByText('Post number 2')).toBeOnTheScreen();
    expect(screen.queryByTestId('feed-error')).toBeNull();
  });

  it('keeps loaded posts when the next page fails, and retries that page', async () => {
    const api = FakeAiBlogApi.withPosts(5);
    renderWithProviders(<FeedScreen />, { api });
    expect(await screen.findByText('Post number 5')).toBeOnTheScreen();
    const getFeed = jest.spyOn(api, 'getFeed').mockRejectedValueOnce(networkDown());

    fireEvent(screen.getByTestId('feed-list'), 'onEndReached');
    expect(await screen.findByTestId('feed-load-more-error')).toBeOnTheScreen();
    expect(screen.getByText('Post number 5')).toBeOnTheScreen();
    fireEvent.press(screen.getByRole('button', { name: 'Try loading more posts again' }));

    expect(await screen.findByText('Post number 1')).toBeOnTheScreen();
    expect(getFeed.mock.calls.map(([p]) => p.cursor)).toEqual(['3', '3']);
  });

  it('starts again from the top when the server no longer accepts the cursor', async () => {
    const api = FakeAiBlogApi.withPosts(5);
    renderWithProviders(<FeedScreen />, { api });
    expect(await screen.findByText('Post number 5')).toBeOnTheScreen();
    jest
      .spyOn(api, 'getFeed')
      .mockRejectedValueOnce(new ApiError(400, 'INVALID_CURSOR', 'cursor: not from this feed'));
    fireEvent(screen.getByTestId('feed-list'), 'onEndReached');

    fireEvent.press(await screen.findByRole('button', { name: 'Reload the feed' }));

    await waitFor(() => expect(screen.queryByTestId('feed-load-more-error')).toBeNull());
    expect(screen.getByText('Post number 5')).toBeOnTheScreen();
    expect((api.getFeed as jest.Mock).mock.calls.map(([p]) => p.cursor)).toEqual(['3', undefined]);
  });

  it.each([
    [undefined, 'No posts yet', 'Create a post'],
    ['rust', 'No posts tagged #rust', 'Show all posts'],
  ])('shows the empty state for tag %s', async (tag, title, action) => {
    renderWithProviders(<FeedScreen tag={tag} />, { api: new FakeAiBlogApi([]) });

    expect(await screen.findByText(title)).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: action })).toBeOnTheScreen();
  });

  it('filters by tag: asks the API for the tag and offers to clear it', async () => {
    const api = FakeAiBlogApi.withPosts(6);
    const getFeed = jest.spyOn(api, 'getFeed');
    renderWithProviders(<FeedScreen tag="even" />, { api });

    expect(await screen.findByText('Post number 6')).toBeOnTheScreen();
    expect(screen.queryByText('Post number 5')).toBeNull();
    expect(getFeed.mock.calls[0]![0].tag).toBe('even');
    fireEvent.press(screen.getByRole('button', { name: 'Clear the even filter' }));
    expect(mockRouter.setParams).toHaveBeenCalledWith({ tag: undefined });
  });

  it('tapping a tag on a post filters the feed; tapping the post opens it', async () => {
    renderWithProviders(<FeedScreen />, { api: FakeAiBlogApi.withPosts(1) });
    await screen.findByText('Post number 1');

    fireEvent.press(screen.getAllByRole('button', { name: 'Show posts tagged odd' })[0]!);
    expect(mockRouter.setParams).toHaveBeenCalledWith({ tag: 'odd' });
    fireEvent.press(screen.getByRole('link', { name: 'Open post: Post number 1' }));
    expect(mockRouter.push).toHaveBeenCalledWith('/post/post-1');
  });

  it('keeps showing cached posts with a banner when a refresh fails', async () => {
    const api = FakeAiBlogApi.withPosts(2);
    renderWithProviders(<FeedScreen />, { api });
    await screen.findByText('Post number 2');
    jest.spyOn(api, 'getFeed').mockRejectedValue(networkDown());

    await act(async () => {
      fireEvent(screen.getByTestId('feed-list'), 'onRefresh');
    });

    expect(await screen.findByTestId('feed-offline-banner')).toBeOnTheScreen();
    expect(screen.getByText('Post number 2')).toBeOnTheScreen();
  });

  it('marks posts from the offline provider', async () => {
    const api = new FakeAiBlogApi([makePost(1, { offline: true }), makePost(2, { offline: false })]);
    renderWithProviders(<FeedScreen />, { api });
    await screen.findByText('Post number 1');

    expect(screen.getAllByTestId('offline-badge')).toHaveLength(1);
  });
});
