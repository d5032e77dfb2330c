import { act, fireEvent, screen, waitFor, within } from '@testing-library/react-native';
import { RefreshControl } from 'react-native';

import { FakeAiBlogApi, makeDraft } from '@/api/fake';
import { ApiError } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { mockRouter } from '@/test/router-mock';

import { ReviewQueueScreen } from './ReviewQueueScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

function editorApi(count: number) {
  const api = new FakeAiBlogApi();
  api.me = { userId: 'alice', editor: true };
  api.reviews = Array.from({ length: count }, (_, i) => makeDraft(i + 1));
  return api;
}

describe('ReviewQueueScreen', () => {
  it('lists drafts oldest first with what an editor weighs, and opens one', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T13:01:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const api = editorApi(2);
    api.reviews[1] = makeDraft(2, { requestedBy: 'scheduler', costUsd: 0.001 });
    renderWithProviders(<ReviewQueueScreen touch />, { api });

    const first = await screen.findByTestId('review-card-review-1');
    expect(screen.getByTestId('review-count')).toHaveTextContent('2 drafts waiting, oldest first');
    expect(within(first).getByText('Draft number 1')).toBeOnTheScreen();
    expect(within(first).getByText('Summary of draft 1.')).toBeOnTheScreen();
    expect(within(first).getByText('Topic: Topic asked for, number 1')).toBeOnTheScreen();
    expect(within(first).getByText('Asked for by bob')).toBeOnTheScreen();
    expect(within(first).getByText('Waiting 3 hours')).toBeOnTheScreen();
    expect(within(first).getByText('$0.04 so far')).toBeOnTheScreen();
    const second = screen.getByTestId('review-card-review-2');
    expect(within(second).getByText('Scheduled post')).toBeOnTheScreen();
    expect(within(second).getByText('less than $0.01 so far')).toBeOnTheScreen();
    expect(screen.getByTestId('review-end')).toBeOnTheScreen();
    jest.useRealTimers();

    fireEvent.press(screen.getByTestId('open-review-review-1'));
    expect(mockRouter.push).toHaveBeenCalledWith('/review/review-1');
  });

  it('pages through a long queue with the cursor', async () => {
    const api = editorApi(25);
    const list = jest.spyOn(api, 'listReviews');
    renderWithProviders(<ReviewQueueScreen touch />, { api });

    await screen.findByTestId('review-card-review-20');
    expect(screen.queryByTestId('review-card-review-21')).toBeNull();
    await act(async () => screen.getByTestId('review-list').props.onEndReached());

    expect(await screen.findByTestId('review-card-review-25')).toBeOnTheScreen();
    expect(list).toHaveBeenLastCalledWith({ limit: 20, cursor: '20' }, expect.anything());
    expect(screen.getByTestId('review-end')).toBeOnTheScreen();
  });

  it('pulls to refresh: a draft that arrived since shows', async () => {
    const api = editorApi(1);
    const { UNSAFE_getByType } = renderWithProviders(<ReviewQueueScreen touch />, { api });
    await screen.findByTestId('review-card-review-1');

    api.reviews.push(makeDraft(2));
    await act(async () => UNSAFE_getByType(RefreshControl).props.onRefresh());

    expect(await screen.findByTestId('review-card-review-2')).toBeOnTheScreen();
  });

  it('says when there is nothing to review', async () => {
    renderWithProviders(<ReviewQueueScreen touch />, { api: editorApi(0) });

    expect(await screen.findByText('Nothing to review')).toBeOnTheScreen();
  });

  it('says when the queue cannot load, and tries again', async () => {
    const api = editorApi(1);
    jest.spyOn(api, 'listReviews').mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'down'));
    renderWithProviders(<ReviewQueueScreen touch />, { api });

    expect(await screen.findByText('Couldn’t load the drafts')).toBeOnTheScreen();
    fireEvent.press(screen.getByRole('button', { name: 'Try again to load the drafts' }));

    expect(await screen.findByTestId('review-card-review-1')).toBeOnTheScreen();
  });

  it.each([
    ['signed out', null, 'review-signed-out'],
    ['not an editor', { userId: 'bob', editor: false }, 'review-not-editor'],
  ])('%s: no queue, and no list is asked for', async (_name, me, testID) => {
    const api = editorApi(2);
    if (me) api.me = me;
    const list = jest.spyOn(api, 'listReviews');
    renderWithProviders(<ReviewQueueScreen touch />, { api, ...(me ? {} : { session: null }) });

    expect(await screen.findByTestId(testID)).toBeOnTheScreen();
    expect(list).not.toHaveBeenCalled();
  });

  it('a desktop browser gets a refresh button instead of the gesture', async () => {
    const api = editorApi(1);
    const list = jest.spyOn(api, 'listReviews');
    renderWithProviders(<ReviewQueueScreen touch={false} />, { api });
    await screen.findByTestId('review-card-review-1');

    fireEvent.press(screen.getByRole('button', { name: 'Refresh the drafts' }));

    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
  });
});
