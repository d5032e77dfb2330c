import { act, fireEvent, screen, waitFor, within } from '@testing-library/react-native';
import { StyleSheet } from 'react-native';

import { FakeAiBlogApi, makeDraft } from '@/api/fake';
import { ApiError } from '@/api/types';
import { reviewsQueryKey, type ReviewsData } from '@/state/queries/reviews';
import { renderWithProviders } from '@/test/render';
import { mockNavigation, mockRouter } from '@/test/router-mock';

import { DraftScreen } from './DraftScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

function editorApi(...drafts: ReturnType<typeof makeDraft>[]) {
  const api = new FakeAiBlogApi();
  api.me = { userId: 'alice', editor: true };
  api.reviews = drafts.length ? drafts : [makeDraft(1)];
  return api;
}

async function openDraft(api: FakeAiBlogApi, id = 'review-1', options = {}) {
  const view = renderWithProviders(<DraftScreen id={id} />, { api, ...options });
  await screen.findByTestId('draft-screen');
  return view;
}

describe('DraftScreen', () => {
  it('shows the draft as it will read: the post’s title and summary type, the body in article markdown', async () => {
    const api = editorApi(makeDraft(1, { body: '## A heading\n\nSome *text*.', requestedBy: 'bob' }));
    await openDraft(api);

    const title = screen.getByLabelText('Title');
    expect(title.props.value).toBe('Draft number 1');
    expect(StyleSheet.flatten(title.props.style)).toMatchObject({ fontSize: 28, fontWeight: '800' });
    expect(screen.getByText(/Asked for by bob · waiting/)).toBeOnTheScreen();
    expect(screen.getByText(/\$0\.04 so far/)).toBeOnTheScreen();
    expect(screen.getByTestId('draft-deadline')).toHaveTextContent(/Decide by December 7, 2026/);

    fireEvent.press(screen.getByRole('radio', { name: 'Preview' }));
    const body = within(screen.getByTestId('draft-preview')).getByTestId('post-body');
    expect(within(body).getByRole('header', { name: 'A heading' })).toBeOnTheScreen();
    expect(screen.queryByTestId('draft-body-input')).toBeNull();

    fireEvent.press(screen.getByRole('radio', { name: 'Edit markdown' }));
    expect(screen.getByTestId('draft-body-input').props.value).toBe('## A heading\n\nSome *text*.');
  });

  it('approves with an edited title: the edits are sent, the editor is back in the queue and told', async () => {
    const api = editorApi(makeDraft(1), makeDraft(2));
    const decide = jest.spyOn(api, 'decideReview');
    await openDraft(api);

    fireEvent.changeText(screen.getByLabelText('Title'), '  A better title ');
    expect(screen.getByTestId('draft-title-label-edited')).toBeOnTheScreen();
    fireEvent.press(screen.getByRole('button', { name: 'Approve with edits' }));

    await waitFor(() =>
      expect(decide).toHaveBeenCalledWith('review-1', { decision: 'approve', title: 'A better title' }),
    );
    await waitFor(() => expect(mockRouter.navigate).toHaveBeenCalledWith('/review'));
    expect(await screen.findByTestId('notice-title')).toHaveTextContent('Approved');
    expect(screen.getByTestId('notice-message')).toHaveTextContent(
      '“A better title” will be in the feed in a moment.',
    );
    expect(api.posts[0]).toMatchObject({ title: 'A better title', reviewedBy: 'alice' });
  });

  it('approves an untouched draft as written (no edits sent)', async () => {
    const api = editorApi();
    const decide = jest.spyOn(api, 'decideReview');
    await openDraft(api);

    fireEvent.press(screen.getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(decide).toHaveBeenCalledWith('review-1', { decision: 'approve' }));
  });

  it('edits tags as chips, normalised like the server (trimmed, lower case, once each)', async () => {
    const api = editorApi(makeDraft(1, { tags: ['space', 'odd'] }));
    const decide = jest.spyOn(api, 'decideReview');
    await openDraft(api);

    fireEvent.press(screen.getByRole('button', { name: 'Remove tag odd' }));
    fireEvent.changeText(screen.getByLabelText('Add a tag'), ' Astronomy, SPACE,');
    fireEvent.changeText(screen.getByLabelText('Add a tag'), 'Night Sky');
    fireEvent(screen.getByLabelText('Add a tag'), 'submitEditing');

    expect(screen.getByRole('button', { name: 'Remove tag astronomy' })).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: 'Remove tag night sky' })).toBeOnTheScreen();
    expect(screen.queryByRole('button', { name: 'Remove tag odd' })).toBeNull();
    fireEvent.press(screen.getByRole('button', { name: 'Approve with edits' }));

    await waitFor(() =>
      expect(decide).toHaveBeenCalledWith('review-1', {
        decision: 'approve',
        tags: ['space', 'astronomy', 'night sky'],
      }),
    );
  });

  it.each([
    [
      'an empty title',
      (api: FakeAiBlogApi) => fireEvent.changeText(screen.getByLabelText('Title'), '  '),
      'draft-error-title',
      'The title can’t be empty.',
    ],
    [
      'no tags',
      () => fireEvent.press(screen.getByRole('button', { name: /^Remove tag drafts/ })),
      'draft-tags-error',
      'Add at least one tag.',
    ],
  ])('does not send %s, and says so by the field', async (_name, edit, testID, message) => {
    const api = editorApi(makeDraft(1, { tags: ['drafts'] }));
    const decide = jest.spyOn(api, 'decideReview');
    await openDraft(api);

    edit(api);
    fireEvent.press(screen.getByRole('button', { name: /^Approve/ }));

    expect(await screen.findByTestId(testID)).toHaveTextContent(message);
    expect(decide).not.toHaveBeenCalled();
  });

  it('shows the server’s 400 by the field it names', async () => {
    const api = editorApi();
    jest
      .spyOn(api, 'decideReview')
      .mockRejectedValueOnce(
        new ApiError(400, 'VALIDATION_FAILED', 'summary is longer than the model allows'),
      );
    await openDraft(api);

    fireEvent.changeText(screen.getByLabelText('Summary'), 'A much longer summary');
    fireEvent.press(screen.getByRole('button', { name: 'Approve with edits' }));

    expect(await screen.findByTestId('draft-error-summary')).toHaveTextContent(
      'Summary is longer than the model allows.',
    );
    expect(screen.getByTestId('draft-error')).toHaveTextContent(/didn’t accept an edit/);
    expect(mockRouter.navigate).not.toHaveBeenCalled();
  });

  it('rejects only with a reason, asked for in a dialog', async () => {
    const api = editorApi();
    const decide = jest.spyOn(api, 'decideReview');
    await openDraft(api);

    fireEvent.press(screen.getByRole('button', { name: 'Reject this draft' }));
    const dialog = await screen.findByTestId('reject-dialog');
    fireEvent.press(within(dialog).getByRole('button', { name: 'Reject draft' }));

    expect(await within(dialog).findByTestId('reject-reason-error')).toHaveTextContent(/Say why/);
    expect(decide).not.toHaveBeenCalled();

    fireEvent.changeText(within(dialog).getByLabelText('Reason'), '  The dates are wrong. ');
    fireEvent.press(within(dialog).getByRole('button', { name: 'Reject draft' }));

    await waitFor(() =>
      expect(decide).toHaveBeenCalledWith('review-1', { decision: 'reject', reason: 'The dates are wrong.' }),
    );
    await waitFor(() => expect(mockRouter.navigate).toHaveBeenCalledWith('/review'));
    expect(await screen.findByTestId('notice-title')).toHaveTextContent('Draft rejected');
  });

  it('cancels a rejection without sending anything', async () => {
    const api = editorApi();
    const decide = jest.spyOn(api, 'decideReview');
    await openDraft(api);

    fireEvent.press(screen.getByRole('button', { name: 'Reject this draft' }));
    fireEvent.press(
      within(await screen.findByTestId('reject-dialog')).getByRole('button', { name: 'Cancel' }),
    );

    await waitFor(() => expect(screen.queryByTestId('reject-dialog')).toBeNull());
    expect(decide).not.toHaveBeenCalled();
  });

  it.each([
    ['approved', (api: FakeAiBlogApi) => api.decideReview('review-1', { decision: 'approve' })],
    ['timed out', async (api: FakeAiBlogApi) => void api.timedOut.add('review-1')],
  ])('a draft someone else %s (409) says so plainly and leaves the queue', async (_name, elsewhere) => {
    const api = editorApi(makeDraft(1), makeDraft(2));
    const { queryClient } = renderWithProviders(<DraftScreen id="review-1" />, { api });
    // The queue as the editor loaded it.
    queryClient.setQueryData<ReviewsData>(reviewsQueryKey(), {
      pages: [await api.listReviews({})],
      pageParams: [undefined],
    });
    await screen.findByTestId('draft-screen');
    await elsewhere(api);
    const decide = jest.spyOn(api, 'decideReview');

    fireEvent.changeText(screen.getByLabelText('Title'), 'My edit');
    fireEvent.press(screen.getByRole('button', { name: 'Approve with edits' }));

    expect(await screen.findByTestId('draft-gone')).toHaveTextContent(
      /Another editor has already approved or rejected it, or its time for review ran out/,
    );
    await expect(decide.mock.results[0]!.value).rejects.toMatchObject({ status: 409 });
    const queue = queryClient.getQueryData<ReviewsData>(reviewsQueryKey());
    expect(queue!.pages[0]!.items.map((i) => i.requestId)).toEqual(['review-2']);
    fireEvent.press(screen.getByRole('button', { name: 'Back to the queue' }));
    expect(mockRouter.navigate).toHaveBeenCalledWith('/review');
  });

  describe('leaving', () => {
    /** What the navigator would do on Back: `beforeRemove`, which the screen may prevent. */
    function goBack() {
      const calls = mockNavigation.addListener.mock.calls.filter(([event]) => event === 'beforeRemove');
      const listener = calls.at(-1)![1] as (e: unknown) => void;
      const event = { preventDefault: jest.fn(), data: { action: { type: 'GO_BACK' } } };
      act(() => listener(event));
      return event;
    }

    it('with edits asks first; Keep editing stays, Discard edits leaves', async () => {
      const api = editorApi();
      await openDraft(api);
      fireEvent.changeText(screen.getByLabelText('Title'), 'Half-done edit');

      expect(goBack().preventDefault).toHaveBeenCalled();
      const dialog = await screen.findByTestId('leave-dialog');
      expect(within(dialog).getByText('Leave without your edits?')).toBeOnTheScreen();
      fireEvent.press(within(dialog).getByRole('button', { name: 'Keep editing' }));
      await waitFor(() => expect(screen.queryByTestId('leave-dialog')).toBeNull());
      expect(mockNavigation.dispatch).not.toHaveBeenCalled();

      goBack();
      fireEvent.press(
        within(await screen.findByTestId('leave-dialog')).getByRole('button', { name: 'Discard edits' }),
      );
      expect(mockNavigation.dispatch).toHaveBeenCalledWith({ type: 'GO_BACK' });
    });

    it('without edits, or once decided, leaves without asking', async () => {
      const api = editorApi();
      await openDraft(api);
      expect(goBack().preventDefault).not.toHaveBeenCalled();

      fireEvent.changeText(screen.getByLabelText('Title'), 'Edited and approved');
      fireEvent.press(screen.getByRole('button', { name: 'Approve with edits' }));
      await waitFor(() => expect(mockRouter.navigate).toHaveBeenCalledWith('/review'));

      expect(goBack().preventDefault).not.toHaveBeenCalled();
      expect(screen.queryByTestId('leave-dialog')).toBeNull();
    });
  });

  it('a draft no longer awaiting review when opened (404) says so', async () => {
    const api = editorApi(makeDraft(2));
    renderWithProviders(<DraftScreen id="review-1" />, { api });

    expect(await screen.findByTestId('draft-gone')).toBeOnTheScreen();
  });

  it('a load that fails for another reason offers to try again', async () => {
    const api = editorApi();
    jest.spyOn(api, 'getReview').mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'down'));
    renderWithProviders(<DraftScreen id="review-1" />, { api });

    fireEvent.press(await screen.findByRole('button', { name: 'Try again to load the draft' }));

    expect(await screen.findByTestId('draft-screen')).toBeOnTheScreen();
  });
});
