import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';

import { FakeAiBlogApi } from '@/api/fake';
import { STEPS, type BlogRequest } from '@/api/types';
import { STATUS_LABELS, STEP_LABELS } from '@/lib/request-status';
import { requestQueryKey } from '@/state/queries/request';
import { renderWithProviders } from '@/test/render';
import { mockPathname, mockRouter } from '@/test/router-mock';

import { RequestScreen } from './RequestScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

async function queued(api: FakeAiBlogApi) {
  const { requestId } = await api.createPost({ topic: 'Octopus intelligence' });
  return requestId;
}

const stepLabel = (i: number, state: string) =>
  `Step ${i + 1} of ${STEPS.length}, ${STEP_LABELS[STEPS[i]!]}: ${state}`;

async function moveTo(api: FakeAiBlogApi, id: string, patch: Partial<BlogRequest>) {
  await act(async () => api.update(id, patch));
  await waitFor(() =>
    expect(screen.getByTestId('request-status')).toHaveTextContent(STATUS_LABELS[patch.status!]),
  );
}

describe('RequestScreen', () => {
  it('follows a request QUEUED → RUNNING through every step → PUBLISHED, then opens the post', async () => {
    const api = new FakeAiBlogApi();
    const id = await queued(api);
    renderWithProviders(<RequestScreen id={id} />, { api });

    expect(await screen.findByText('Waiting to start')).toBeOnTheScreen();
    expect(screen.getByText('Your post is next in line')).toBeOnTheScreen();
    expect(screen.queryByText(new RegExp(id))).toBeNull(); // no request id for the reader
    expect(screen.queryByText(/QUEUED|RUNNING/)).toBeNull();
    expect(screen.getByLabelText(stepLabel(0, 'not started'))).toBeOnTheScreen();

    for (const [i, step] of STEPS.entries()) {
      await moveTo(api, id, { status: 'RUNNING', step });
      await waitFor(() => expect(screen.getByLabelText(stepLabel(i, 'in progress'))).toBeOnTheScreen());
      if (i > 0) expect(screen.getByLabelText(stepLabel(i - 1, 'done'))).toBeOnTheScreen();
      expect(mockRouter.replace).not.toHaveBeenCalled();
    }

    await moveTo(api, id, { status: 'PUBLISHED', step: 'PUBLISH', postId: 'post-42' });
    await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith('/post/post-42'));
    expect(screen.getByLabelText(stepLabel(4, 'done'))).toBeOnTheScreen();
  });

  it.each([
    {
      status: 'REJECTED' as const,
      step: 'MODERATE_TOPIC' as const,
      reason: 'The topic was flagged by moderation.',
      categories: ['violence', 'hate'],
      shows: [
        'Your post wasn’t published',
        'The topic was flagged by moderation.',
        'Flagged for: violence, hate',
      ],
      hidden: [],
      stoppedAt: 0,
      retry: 'Edit the topic',
    },
    {
      status: 'FAILED' as const,
      step: 'IMAGE' as const,
      reason: 'Image generation failed after 3 attempts.',
      categories: [],
      shows: [
        'Your post couldn’t be made',
        'Something went wrong while making it. Trying again usually works.',
      ],
      // The pipeline's reason is for developers (it is in the API and the logs).
      hidden: ['Image generation failed after 3 attempts.'],
      stoppedAt: 3,
      retry: 'Try again',
    },
  ])('shows why a request was $status and stops polling', async (c) => {
    const api = new FakeAiBlogApi();
    const id = await queued(api);
    // As in the app: this request's screen is the one showing, so the request watch stays quiet about it
    // (otherwise its notice races the screen's own poll and says the same words twice).
    mockPathname.current = `/request/${id}`;
    const getRequest = jest.spyOn(api, 'getRequest');
    renderWithProviders(<RequestScreen id={id} />, { api });
    await screen.findByText('Waiting to start');

    await moveTo(api, id, { status: c.status, step: c.step, reason: c.reason, categories: c.categories });

    for (const text of c.shows) expect(screen.getByText(text)).toBeOnTheScreen();
    for (const text of c.hidden) expect(screen.queryByText(text)).toBeNull();
    expect(screen.getByLabelText(stepLabel(c.stoppedAt, 'stopped here'))).toBeOnTheScreen();
    fireEvent.press(screen.getByRole('button', { name: c.retry }));
    // The form opens with the topic, to edit, not empty.
    expect(mockRouter.navigate).toHaveBeenCalledWith({
      pathname: '/create',
      params: { topic: 'Octopus intelligence' },
    });
    mockRouter.navigate.mockClear();
    const calls = getRequest.mock.calls.length;
    await act(() => new Promise((r) => setTimeout(r, 80))); // 8 poll intervals
    expect(getRequest.mock.calls.length).toBe(calls);
    expect(mockRouter.replace).not.toHaveBeenCalled();
  });

  it('says a written post waits for an editor, with the review as a step, and when an editor turns it down', async () => {
    const api = new FakeAiBlogApi();
    const id = await queued(api);
    api.update(id, { status: 'AWAITING_REVIEW', step: 'REVIEW' });
    const get = jest.spyOn(api, 'getRequest');
    const { queryClient } = renderWithProviders(<RequestScreen id={id} />, { api });

    expect(await screen.findByTestId('request-headline')).toHaveTextContent(
      'Your post is waiting for an editor',
    );
    expect(screen.getByTestId('request-status')).toHaveTextContent('Awaiting review');
    expect(screen.getByTestId('request-review-note')).toHaveTextContent(/An editor reads every post/);
    expect(screen.getByLabelText('Step 5 of 6, An editor’s review: in progress')).toBeOnTheScreen();
    expect(screen.getByLabelText('Step 4 of 6, Drawing the illustration: done')).toBeOnTheScreen();

    // A review can take days: it is not asked about every poll interval (10 ms here) but every half minute.
    await act(() => new Promise((r) => setTimeout(r, 100)));
    expect(get).toHaveBeenCalledTimes(1);

    api.update(id, { status: 'REJECTED', step: 'REVIEW', reason: 'The dates are wrong.' });
    await act(() => queryClient.invalidateQueries({ queryKey: requestQueryKey(id) }));
    await waitFor(() => expect(screen.getByTestId('request-status')).toHaveTextContent('Not published'));

    expect(screen.getByTestId('request-reason')).toHaveTextContent('An editor decided not to publish it.');
    expect(screen.getByTestId('request-reason-detail')).toHaveTextContent('The dates are wrong.');
  });

  it('shows an error with retry when the request cannot be loaded', async () => {
    renderWithProviders(<RequestScreen id="req-404" />, { api: new FakeAiBlogApi() });

    expect(await screen.findByText('Couldn’t load your post’s progress')).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: 'Try loading it again' })).toBeOnTheScreen();
  });
});
