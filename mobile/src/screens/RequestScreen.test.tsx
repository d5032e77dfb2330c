import { act, screen, waitFor } from '@testing-library/react-native';

import { FakeAiBlogApi } from '@/api/fake';
import { STEPS, type BlogRequest } from '@/api/types';
import { STEP_LABELS } from '@/components/RequestProgress';
import { renderWithProviders } from '@/test/render';
import { mockRouter } from '@/test/router-mock';

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
  await waitFor(() => expect(screen.getByTestId('request-status')).toHaveTextContent(patch.status ?? ''));
}

describe('RequestScreen', () => {
  it('follows a request QUEUED → RUNNING through every step → PUBLISHED, then opens the post', async () => {
    const api = new FakeAiBlogApi();
    const id = await queued(api);
    renderWithProviders(<RequestScreen id={id} />, { api });

    expect(await screen.findByText('QUEUED')).toBeOnTheScreen();
    expect(screen.getByText('Waiting in the queue')).toBeOnTheScreen();
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
      shows: ['Rejected by moderation', 'Flagged for: violence, hate'],
      stoppedAt: 0,
    },
    {
      status: 'FAILED' as const,
      step: 'IMAGE' as const,
      reason: 'Image generation failed after 3 attempts.',
      categories: [],
      shows: ['Generation failed'],
      stoppedAt: 3,
    },
  ])('shows why a request was $status and stops polling', async (c) => {
    const api = new FakeAiBlogApi();
    const id = await queued(api);
    const getRequest = jest.spyOn(api, 'getRequest');
    renderWithProviders(<RequestScreen id={id} />, { api });
    await screen.findByText('QUEUED');

    await moveTo(api, id, { status: c.status, step: c.step, reason: c.reason, categories: c.categories });

    expect(screen.getByText(c.reason)).toBeOnTheScreen();
    for (const text of c.shows) expect(screen.getByText(text)).toBeOnTheScreen();
    expect(screen.getByLabelText(stepLabel(c.stoppedAt, 'stopped here'))).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: 'Try another topic' })).toBeOnTheScreen();
    const calls = getRequest.mock.calls.length;
    await act(() => new Promise((r) => setTimeout(r, 80))); // 8 poll intervals
    expect(getRequest.mock.calls.length).toBe(calls);
    expect(mockRouter.replace).not.toHaveBeenCalled();
  });

  it('shows an error with retry when the request cannot be loaded', async () => {
    renderWithProviders(<RequestScreen id="req-404" />, { api: new FakeAiBlogApi() });

    expect(await screen.findByText('Couldn’t load the request')).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: 'Try loading the request again' })).toBeOnTheScreen();
  });
});
