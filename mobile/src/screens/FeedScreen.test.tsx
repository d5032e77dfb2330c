import { act, fireEvent, screen, waitFor, within } from '@testing-library/react-native';

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

    expect(
      (await screen.findAllByTestId('post-card-skeleton', { includeHiddenElements: true })).length,
    ).toBeGreaterThan(0);
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
    expect(screen.getByText(/Can’t reach AI Blog/)).toBeOnTheScreen();
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
    [undefined, 'No posts yet', 'Write the first one'],
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
    expect(getFeed.mock.calls.map(([p]) => p.tag)).toContain('even');
    fireEvent.press(screen.getByRole('button', { name: 'Clear the even filter' }));
    expect(mockRouter.setParams).toHaveBeenCalledWith({ tag: undefined });
  });

  it('puts the popular tags of the first page in one row above the posts, most used first', async () => {
    const api = new FakeAiBlogApi([
      makePost(1, { tags: ['rust', 'compilers'] }),
      makePost(2, { tags: ['rust'] }),
      makePost(3, { tags: ['bees', 'compilers', 'rust'] }),
      makePost(4, { tags: ['zebras'] }),
    ]);
    renderWithProviders(<FeedScreen />, { api });
    await screen.findByText('Post number 1');

    const strip = screen.getByTestId('tag-strip');
    const names = within(strip)
      .getAllByRole('button')
      .map((b) => b.props.accessibilityLabel);
    // First page only (3 posts): rust ×3, compilers ×2, bees ×1; zebras is on page 2.
    expect(names).toEqual([
      'All posts',
      'Show posts tagged rust',
      'Show posts tagged compilers',
      'Show posts tagged bees',
    ]);
    fireEvent(screen.getByTestId('feed-list'), 'onEndReached');
    await screen.findByText('Post number 4');
    expect(within(strip).queryByRole('button', { name: 'Show posts tagged zebras' })).toBeNull();

    fireEvent.press(within(strip).getByRole('button', { name: 'Show posts tagged compilers' }));
    expect(mockRouter.setParams).toHaveBeenCalledWith({ tag: 'compilers' });
  });

  it('cards are compact: no tag chips, relative time, reading time, likes only when there are some', async () => {
    const now = Date.now();
    const api = new FakeAiBlogApi([
      makePost(1, { likes: 0, publishedAt: new Date(now - 3 * 3600_000).toISOString() }),
      makePost(2, { likes: 7, readingTimeMinutes: 6 }),
    ]);
    renderWithProviders(<FeedScreen />, { api });
    await screen.findByText('Post number 1');

    const first = screen.getByTestId('post-card-post-1');
    expect(within(first).getByText(/^3h · \d+ min read$/)).toBeOnTheScreen();
    expect(within(first).queryByTestId('post-card-likes-post-1')).toBeNull();
    expect(within(first).queryByRole('button', { name: /Show posts tagged/ })).toBeNull();
    expect(screen.getByTestId('post-card-likes-post-2')).toHaveTextContent('7');
  });

  it('opens a post from its card', async () => {
    renderWithProviders(<FeedScreen />, { api: FakeAiBlogApi.withPosts(1) });
    await screen.findByText('Post number 1');

    fireEvent.press(screen.getByText('Post number 1'));
    expect(mockRouter.push).toHaveBeenCalledWith('/post/post-1');
  });

  it('saves a post for later from its card, and unsaves it', async () => {
    renderWithProviders(<FeedScreen />, { api: FakeAiBlogApi.withPosts(1) });
    await screen.findByText('Post number 1');

    fireEvent.press(screen.getByRole('button', { name: 'Save “Post number 1” for later' }));
    const saved = await screen.findByRole('button', { name: 'Remove “Post number 1” from saved' });
    expect(saved.props.accessibilityState).toMatchObject({ selected: true });
    expect(saved.props['aria-pressed']).toBe(true);
    fireEvent.press(saved);
    expect(await screen.findByRole('button', { name: 'Save “Post number 1” for later' })).toBeOnTheScreen();
  });

  it('asks for fresh image URLs when an image cannot load, at most once a minute', async () => {
    const api = FakeAiBlogApi.withPosts(2);
    renderWithProviders(<FeedScreen />, { api });
    await screen.findByText('Post number 2');
    const getFeed = jest.spyOn(api, 'getFeed');

    const failed = () => ({ nativeEvent: { error: 'HTTP 403 (the presigned URL expired)' } });
    fireEvent(screen.getByTestId('post-card-image-post-2'), 'error', failed());
    fireEvent(screen.getByTestId('post-card-image-post-1'), 'error', failed());

    await waitFor(() => expect(getFeed).toHaveBeenCalledTimes(1));
    expect(
      screen.getByTestId('post-card-image-post-2-fallback', { includeHiddenElements: true }),
    ).toBeOnTheScreen();
  });

  it('has a refresh button only where there is no pull to refresh (a desktop browser)', async () => {
    const touch = renderWithProviders(<FeedScreen touch />, { api: FakeAiBlogApi.withPosts(1) });
    await screen.findByText('Post number 1');
    expect(screen.queryByRole('button', { name: 'Refresh the feed' })).toBeNull();
    touch.unmount();

    renderWithProviders(<FeedScreen touch={false} />, { api: FakeAiBlogApi.withPosts(1) });
    expect(await screen.findByRole('button', { name: 'Refresh the feed' })).toBeOnTheScreen();
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

  it('marks sample posts (made without a model)', async () => {
    const api = new FakeAiBlogApi([makePost(1, { offline: true }), makePost(2, { offline: false })]);
    renderWithProviders(<FeedScreen />, { api });
    await screen.findByText('Post number 1');

    expect(screen.getAllByTestId('offline-badge')).toHaveLength(1);
  });
});
