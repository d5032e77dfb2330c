import { act, fireEvent, screen, waitFor, within } from '@testing-library/react-native';
import { Share, StyleSheet } from 'react-native';

import { FakeAiBlogApi, makePost, toFeedItem } from '@/api/fake';
import { ApiError, type BlogPost, type LikeResult } from '@/api/types';
import { feedQueryKey, type FeedData } from '@/state/queries/feed';
import { postQueryKey } from '@/state/queries/post';
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
  const post = makePost(7, {
    title: 'Bees and flowers',
    likes: 10,
    tags: ['nature', 'bees'],
    readingTimeMinutes: 4,
  });
  const api = new FakeAiBlogApi([post]);
  if (liked) api.liked.add(post.id);
  const queryClient = createTestQueryClient();
  queryClient.setQueryData<FeedData>(feedQueryKey(), {
    pages: [{ items: [toFeedItem(post)], nextCursor: null }],
    pageParams: [undefined],
  });
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
    expect(screen.getByTestId('post-provenance')).toHaveTextContent(
      /sample post: the built-in stand-in wrote it, not an AI model/,
    );
    expect(screen.queryByText(/offline-text|cost/)).toBeNull();
    // Markdown: the "**markdown**" of the body is rendered, not shown as asterisks.
    expect(screen.getByText('markdown')).toBeOnTheScreen();
    expect(screen.queryByText(/\*\*markdown\*\*/)).toBeNull();
  });

  it.each([
    ['alice', 'Reviewed by alice'],
    [null, null],
  ])('names the editor who reviewed it (%s)', async (reviewedBy, shown) => {
    const api = new FakeAiBlogApi([makePost(1, { reviewedBy })]);
    renderWithProviders(<PostScreen id="post-1" />, { api });

    await screen.findByTestId('post-title');
    if (shown) expect(screen.getByTestId('post-reviewed-by')).toHaveTextContent(shown);
    else expect(screen.queryByTestId('post-reviewed-by')).toBeNull();
  });

  it('shows a skeleton while loading, then an error with retry', async () => {
    const { api, queryClient } = setup();
    jest.spyOn(api, 'getPost').mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'offline'));
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });
    expect(screen.getByTestId('post-skeleton')).toBeOnTheScreen();

    fireEvent.press(await screen.findByRole('button', { name: 'Try loading the post again' }));

    expect(await screen.findByRole('header', { name: 'Bees and flowers' })).toBeOnTheScreen();
  });

  it('says so when the post does not exist, with a way to the feed', async () => {
    renderWithProviders(<PostScreen id="nope" />, { api: new FakeAiBlogApi([]) });

    expect(await screen.findByText('This post doesn’t exist')).toBeOnTheScreen();
    fireEvent.press(screen.getByRole('button', { name: 'Go to the home feed' }));
    expect(mockRouter.navigate).toHaveBeenCalledWith('/');
  });

  it.each([
    { who: 'a reader who likes it', signedIn: true, likes: true, button: 'Unlike, 10 likes' },
    { who: 'a reader who does not', signedIn: true, likes: false, button: 'Like, 10 likes' },
    { who: 'a signed-out reader', signedIn: false, likes: true, button: 'Like, 10 likes' },
  ])('shows the like state the server gives $who', async (c) => {
    const { api, queryClient } = setup({ liked: c.likes });
    api.signedIn = c.signedIn;
    renderWithProviders(<PostScreen id="post-7" />, {
      api,
      queryClient,
      session: c.signedIn ? undefined : null,
    });

    const button = await screen.findByRole('button', { name: c.button });
    expect(button.props['aria-pressed']).toBe(c.signedIn && c.likes);
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
    expect(queryClient.getQueryData<BlogPost>(postQueryKey('post-7'))!.likedByMe).toBe(c.liked);
  });

  it('sends a signed-out reader to sign in instead of liking', async () => {
    const { api, queryClient } = setup();
    const setLiked = jest.spyOn(api, 'setLiked');
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient, session: null });

    fireEvent.press(await screen.findByRole('button', { name: 'Like, 10 likes' }));

    expect(setLiked).not.toHaveBeenCalled();
    expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/sign-in', params: { reason: 'like' } });
  });

  it('shares the post’s public page, not an app-only link', async () => {
    const share = jest.spyOn(Share, 'share').mockResolvedValue({ action: 'sharedAction' });
    const { api, queryClient } = setup();
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });

    fireEvent.press(await screen.findByRole('button', { name: 'Share this post' }));

    await waitFor(() =>
      expect(share).toHaveBeenCalledWith(
        expect.objectContaining({ title: 'Bees and flowers', url: 'https://api.example/p/post-7' }),
        expect.anything(),
      ),
    );
  });

  it('copies the link when the platform cannot share, and says so', async () => {
    jest.spyOn(Share, 'share').mockRejectedValue(new Error('no share sheet'));
    const { api, queryClient } = setup();
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });

    fireEvent.press(await screen.findByRole('button', { name: 'Share this post' }));

    expect(await screen.findByText('Link copied')).toBeOnTheScreen();
    expect(require('expo-clipboard').setStringAsync).toHaveBeenCalledWith('https://api.example/p/post-7');
  });

  it('asks to sign in again when the server refuses the reader’s token', async () => {
    const { api, queryClient } = setup();
    jest.spyOn(api, 'setLiked').mockRejectedValueOnce(new ApiError(401, 'UNAUTHORIZED', 'Unauthorized'));
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });

    fireEvent.press(await screen.findByRole('button', { name: 'Like, 10 likes' }));
    fireEvent.press(await screen.findByRole('button', { name: 'Sign in again' }));

    expect(screen.getByText(/Your sign-in has expired/)).toBeOnTheScreen();
    expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/sign-in', params: { reason: 'expired' } });
    expect(screen.getByRole('button', { name: 'Like, 10 likes' })).toBeOnTheScreen();
  });

  it('saves the post for later', async () => {
    const { api, queryClient } = setup();
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });

    fireEvent.press(await screen.findByRole('button', { name: 'Save for later' }));

    const saved = await screen.findByRole('button', { name: 'Remove from saved' });
    expect(saved.props['aria-pressed']).toBe(true);
    expect(screen.getByText('Saved for later')).toBeOnTheScreen();
  });

  it('ends with more posts on its first topic, without itself', async () => {
    const post = makePost(7, { title: 'Bees and flowers', tags: ['nature'] });
    const api = new FakeAiBlogApi([
      post,
      makePost(8, { title: 'Meadows in June', tags: ['nature'] }),
      makePost(9, { title: 'Compilers', tags: ['code'] }),
    ]);
    renderWithProviders(<PostScreen id="post-7" />, { api });

    expect(await screen.findByRole('header', { name: 'More on #nature' })).toBeOnTheScreen();
    const next = screen.getByTestId('read-next');
    expect(within(next).getByText('Meadows in June')).toBeOnTheScreen();
    expect(within(next).queryByText('Bees and flowers')).toBeNull();
    expect(within(next).queryByText('Compilers')).toBeNull();
    fireEvent.press(within(next).getByText('Meadows in June'));
    expect(mockRouter.push).toHaveBeenCalledWith('/post/post-8');
  });

  it('sets article text in the reader’s text size', async () => {
    const { api, queryClient } = setup();
    renderWithProviders(<PostScreen id="post-7" />, {
      api,
      queryClient,
      settings: { apiUrl: 'http://localhost:3000', theme: 'light', textSize: 'large' },
    });

    const word = await screen.findByText('markdown');
    expect(StyleSheet.flatten(word.props.style).fontSize).toBe(21); // 18 × 1.15
    expect(StyleSheet.flatten(screen.getByTestId('post-title').props.style).fontSize).toBe(32); // 28 × 1.15
  });

  it('opens the feed filtered by a tag', async () => {
    const { api, queryClient } = setup();
    renderWithProviders(<PostScreen id="post-7" />, { api, queryClient });

    fireEvent.press(await screen.findByRole('button', { name: 'Show posts tagged nature' }));

    expect(mockRouter.navigate).toHaveBeenCalledWith({ pathname: '/', params: { tag: 'nature' } });
  });
});
