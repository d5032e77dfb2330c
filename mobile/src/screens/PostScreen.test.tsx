import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';
import { Share } from 'react-native';

import { FakeAiBlogApi, makePost, toFeedItem } from '@/api/fake';
import { ApiError, type LikeResult } from '@/api/types';
import { feedQueryKey, type FeedData } from '@/state/queries/feed';
import { likedQueryKey } from '@/state/queries/like';
import { createTestQueryClient, renderWithProviders } from '@/test/render';
import { mockRouter } from '@/test/router-mock';

import { PostScreen } from './PostScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A post with 10 likes, in the fake API and in a cached feed page. */
function setup({ liked = false } = {}) {
  const post = makePost(7, { title: 'Bees and flowers', likes: 10, tags: ['nature', 'bees'], readingTimeMinutes: 4 });
  const api = new FakeAiBlogApi([post]);
  if (liked) api.liked.add(post.id);
  const queryClient = createTestQueryClient();
  queryClient.setQueryData<FeedData>(feedQueryKey(), {
    pages: [{ items: [toFeedItem(post)], nextCursor: null }],
    pageParams: [undefined],
  });
  if (liked) queryClient.setQueryData(likedQueryKey(post.id), true);
  const feedLikes = () => queryClient.getQueryData<FeedData>(feedQueryKey())!.pages[0]!.items[0]!.likes;
  return { post, api, queryClient, feedLikes };
}

describe('PostScreen', () => {
  it('renders the hero image, markdown body, tags, reading time and offline badge', async () => {
    const { api, queryClient } = setup();
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });

    expect(await screen.findByRole('header', { name: 'Bees and flowers' })).toBeOnTheScreen();
    expect(screen.getByLabelText('Illustration for Bees and flowers')).toBeOnTheScreen();
    expect(screen.getByText('4 min read')).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: 'Show posts tagged bees' })).toBeOnTheScreen();
    expect(screen.getByTestId('offline-badge')).toBeOnTheScreen();
    // Markdown: the "**markdown**" of the body is rendered, not shown as asterisks.
    expect(screen.getByText('markdown')).toBeOnTheScreen();
    expect(screen.queryByText(/\*\*markdown\*\*/)).toBeNull();
  });

  it('shows a skeleton while loading, then an error with retry', async () => {
    const { api, queryClient } = setup();
    jest.spyOn(api, 'getPost').mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'offline'));
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });
    expect(screen.getByTestId('post-skeleton')).toBeOnTheScreen();

    fireEvent.press(await screen.findByRole('button', { name: 'Try loading the post again' }));

    expect(await screen.findByRole('header', { name: 'Bees and flowers' })).toBeOnTheScreen();
  });

  it('says so when the post does not exist', async () => {
    renderWithProviders(<PostScreen id="nope" />, { api: new FakeAiBlogApi([]) });

    expect(await screen.findByText('This post doesn’t exist')).toBeOnTheScreen();
  });

  it.each([
    { start: 'not liked', liked: false, optimistic: 11, server: 11, after: 'Unlike, 11 likes' },
    { start: 'liked', liked: true, optimistic: 9, server: 9, after: 'Like, 9 likes' },
  ])('from $start: updates the count at once, then keeps the server’s answer', async (c) => {
    const { api, queryClient, feedLikes } = setup({ liked: c.liked });
    const answer = deferred<LikeResult>();
    const setLiked = jest.spyOn(api, 'setLiked').mockReturnValueOnce(answer.promise);
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });
    await screen.findByTestId('like-button');

    fireEvent.press(screen.getByTestId('like-button'));

    await waitFor(() => expect(screen.getByTestId('like-count')).toHaveTextContent(String(c.optimistic)));
    if (c.liked) expect(screen.getByTestId('like-button')).not.toBeSelected();
    else expect(screen.getByTestId('like-button')).toBeSelected();
    expect(feedLikes()).toBe(c.optimistic);
    expect(setLiked).toHaveBeenCalledWith('post-7', !c.liked);
    await act(async () => answer.resolve({ id: 'post-7', likes: c.server, liked: !c.liked }));
    expect(await screen.findByRole('button', { name: c.after })).toBeOnTheScreen();
  });

  it.each([
    { start: 'not liked', liked: false, label: 'Like, 10 likes', message: /Couldn’t like the post/ },
    { start: 'liked', liked: true, label: 'Unlike, 10 likes', message: /Couldn’t unlike the post/ },
  ])('from $start: rolls the optimistic update back when the server fails', async (c) => {
    const { api, queryClient, feedLikes } = setup({ liked: c.liked });
    const answer = deferred<LikeResult>();
    jest.spyOn(api, 'setLiked').mockReturnValueOnce(answer.promise);
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });
    await screen.findByTestId('like-button');

    fireEvent.press(screen.getByTestId('like-button'));
    await waitFor(() => expect(screen.getByTestId('like-count')).not.toHaveTextContent('10'));
    await act(async () => answer.reject(new ApiError(500, 'HTTP_500', 'boom')));

    expect(await screen.findByText(c.message)).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: c.label })).toBeOnTheScreen();
    if (c.liked) expect(screen.getByTestId('like-button')).toBeSelected();
    else expect(screen.getByTestId('like-button')).not.toBeSelected();
    expect(feedLikes()).toBe(10);
    expect(queryClient.getQueryData(likedQueryKey('post-7'))).toBe(c.liked);
  });

  it('sends a signed-out reader to sign in instead of liking', async () => {
    const { api, queryClient } = setup();
    const setLiked = jest.spyOn(api, 'setLiked');
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient, session: null });

    fireEvent.press(await screen.findByRole('button', { name: 'Like, 10 likes' }));

    expect(setLiked).not.toHaveBeenCalled();
    expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/sign-in', params: { reason: 'like' } });
  });

  it('shares the post’s title and link', async () => {
    const share = jest.spyOn(Share, 'share').mockResolvedValue({ action: 'sharedAction' });
    const { api, queryClient } = setup();
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });

    fireEvent.press(await screen.findByRole('button', { name: 'Share this post' }));

    expect(share).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Bees and flowers', message: expect.stringContaining('post/post-7') }),
    );
  });

  it('opens the feed filtered by a tag', async () => {
    const { api, queryClient } = setup();
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });

    fireEvent.press(await screen.findByRole('button', { name: 'Show posts tagged nature' }));

    expect(mockRouter.navigate).toHaveBeenCalledWith({ pathname: '/', params: { tag: 'nature' } });
  });
});
