import { fireEvent, screen, waitFor } from '@testing-library/react-native';

import { FakeAiBlogApi } from '@/api/fake';
import { ApiError } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { mockRouter } from '@/test/router-mock';

import { CreateScreen } from './CreateScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);
jest.mock('@/lib/ids', () => {
  let n = 0;
  return { newIdempotencyKey: () => `key-${++n}` };
});

function typeTopic(text: string) {
  fireEvent.changeText(screen.getByLabelText('Topic'), text);
}
const submit = () => fireEvent.press(screen.getByRole('button', { name: 'Write my post' }));

describe('CreateScreen', () => {
  it.each([
    ['empty', '', 'Enter a topic.'],
    ['only spaces', '     ', 'Enter a topic.'],
    ['2 characters after trimming', '  ab  ', 'The topic needs at least 3 characters.'],
    ['201 characters', 'x'.repeat(201), 'The topic can have at most 200 characters.'],
  ])('rejects a topic that is %s, like the API would, without sending it', async (_case, topic, message) => {
    const api = new FakeAiBlogApi();
    const createPost = jest.spyOn(api, 'createPost');
    renderWithProviders(<CreateScreen />, { api });

    typeTopic(topic);
    submit();

    expect(await screen.findByText(message)).toBeOnTheScreen();
    expect(createPost).not.toHaveBeenCalled();
  });

  it.each([
    ['3 characters', 'abc'],
    ['200 characters', 'y'.repeat(200)],
  ])('accepts a topic of %s', async (_case, topic) => {
    const api = new FakeAiBlogApi();
    const createPost = jest.spyOn(api, 'createPost');
    renderWithProviders(<CreateScreen />, { api });

    typeTopic(topic);
    submit();

    await waitFor(() => expect(createPost).toHaveBeenCalled());
  });

  it('sends the trimmed topic with the chosen options and an idempotency key, then follows the request', async () => {
    const api = new FakeAiBlogApi();
    const createPost = jest.spyOn(api, 'createPost');
    renderWithProviders(<CreateScreen />, { api });

    typeTopic('  How bees dance  ');
    fireEvent.press(screen.getByRole('radio', { name: 'Who it’s for: Experts' }));
    fireEvent.press(screen.getByRole('radio', { name: 'Tone: Playful' }));
    fireEvent.press(screen.getByRole('radio', { name: 'Length: Short' }));
    submit();

    await waitFor(() => expect(mockRouter.push).toHaveBeenCalledWith('/request/req-1'));
    expect(createPost).toHaveBeenCalledWith(
      { topic: 'How bees dance', audience: 'expert', tone: 'playful', length: 'short' },
      expect.stringMatching(/^key-\d+$/),
    );
    expect(screen.getByLabelText('Topic')).toHaveDisplayValue('');
  });

  it('reuses the idempotency key when the same form is sent again after a failure', async () => {
    const api = new FakeAiBlogApi();
    const createPost = jest
      .spyOn(api, 'createPost')
      .mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'offline'));
    renderWithProviders(<CreateScreen />, { api });

    typeTopic('Tides');
    submit();
    expect(await screen.findByTestId('create-error')).toBeOnTheScreen();
    submit();

    await waitFor(() => expect(mockRouter.push).toHaveBeenCalledWith('/request/req-1'));
    const [first, second] = createPost.mock.calls;
    expect(second![1]).toBe(first![1]);
  });

  it('shows the server’s validation message', async () => {
    const api = new FakeAiBlogApi();
    jest
      .spyOn(api, 'createPost')
      .mockRejectedValueOnce(new ApiError(400, 'VALIDATION_FAILED', 'topic: contains only stop words'));
    renderWithProviders(<CreateScreen />, { api });

    typeTopic('the the the');
    submit();

    expect(await screen.findByText('Topic: contains only stop words.')).toBeOnTheScreen();
    expect(mockRouter.push).not.toHaveBeenCalled();
  });

  it('starts from a given topic (after a rejection: the one to edit)', async () => {
    renderWithProviders(<CreateScreen initialTopic="Why volcanoes erupt" />);

    expect(screen.getByLabelText('Topic').props.value).toBe('Why volcanoes erupt');
  });

  it('announces which option is chosen on every radio', async () => {
    renderWithProviders(<CreateScreen />);

    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(10);
    for (const radio of radios) expect(typeof radio.props.accessibilityState.checked).toBe('boolean');
    fireEvent.press(screen.getByRole('radio', { name: 'Tone: Playful' }));
    expect(screen.getByRole('radio', { name: 'Tone: Playful' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Tone: Informative' })).not.toBeChecked();
  });

  it('asks a signed-out user to sign in', async () => {
    renderWithProviders(<CreateScreen />, { session: null });

    fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.queryByLabelText('Topic')).toBeNull();
    expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/sign-in', params: { reason: 'create' } });
  });
});
