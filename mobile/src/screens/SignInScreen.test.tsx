import { fireEvent, screen, waitFor } from '@testing-library/react-native';

import { FakeAiBlogApi } from '@/api/fake';
import { useSession } from '@/state/session';
import { renderWithProviders } from '@/test/render';
import { mockRouter } from '@/test/router-mock';

import { isLocalApi, SignInScreen } from './SignInScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);
jest.mock('expo-auth-session', () => ({
  ...jest.requireActual('expo-auth-session'),
  useAuthRequest: jest.fn(() => [{ codeVerifier: 'v' }, null, jest.fn()]),
  makeRedirectUri: jest.fn(() => 'aiblog://sign-in'),
}));

let token: (() => Promise<string | null>) | undefined;
function TokenSpy() {
  token = useSession().getToken;
  return null;
}

const cognito = {
  domain: 'https://aiblog.auth.eu-west-1.amazoncognito.com',
  clientId: 'client',
  scopes: ['openid'],
  tokenUse: 'access' as const,
};

describe('SignInScreen', () => {
  it('signs in with a dev token the server accepts, and goes back', async () => {
    const api = new FakeAiBlogApi();
    api.validTokens.add('local-dev-token');
    renderWithProviders(
      <>
        <SignInScreen />
        <TokenSpy />
      </>,
      { session: null, api },
    );

    fireEvent.changeText(screen.getByLabelText('Dev token'), '  local-dev-token ');
    fireEvent.press(screen.getByRole('button', { name: 'Use dev token' }));

    await waitFor(() => expect(mockRouter.back).toHaveBeenCalled());
    await expect(token!()).resolves.toBe('local-dev-token');
  });

  it('refuses a dev token the server does not accept, and stays signed out', async () => {
    const api = new FakeAiBlogApi();
    const check = jest.spyOn(api, 'checkToken');
    renderWithProviders(
      <>
        <SignInScreen />
        <TokenSpy />
      </>,
      { session: null, api },
    );

    fireEvent.changeText(screen.getByLabelText('Dev token'), 'typo');
    fireEvent.press(screen.getByRole('button', { name: 'Use dev token' }));

    expect(await screen.findByText(/The server didn’t accept that token/)).toBeOnTheScreen();
    expect(check).toHaveBeenCalledWith('typo');
    expect(mockRouter.back).not.toHaveBeenCalled();
    await expect(token!()).resolves.toBeNull();
  });

  it('asks for a token when the field is empty', async () => {
    renderWithProviders(<SignInScreen />, { session: null });

    fireEvent.press(screen.getByRole('button', { name: 'Use dev token' }));

    expect(await screen.findByText(/Paste the dev token/)).toBeOnTheScreen();
    expect(mockRouter.back).not.toHaveBeenCalled();
  });

  it.each([
    ['no Cognito, local API', null, 'http://localhost:3000', { cognito: false, dev: true }],
    ['Cognito, local API', cognito, 'http://127.0.0.1:3000', { cognito: true, dev: true }],
    [
      'Cognito, deployed API',
      cognito,
      'https://abc.execute-api.eu-west-1.amazonaws.com',
      { cognito: true, dev: false },
    ],
  ])('offers the right sign-in for %s', (_case, config, apiUrl, offers) => {
    renderWithProviders(<SignInScreen cognito={config} />, { session: null, settings: { apiUrl } });

    expect(!!screen.queryByRole('button', { name: 'Sign in or create an account' })).toBe(offers.cognito);
    expect(!!screen.queryByRole('button', { name: 'Use dev token' })).toBe(offers.dev);
  });

  it('explains why sign-in is needed', () => {
    renderWithProviders(<SignInScreen reason="like" />, { session: null });

    expect(screen.getByText('Sign in to like posts.')).toBeOnTheScreen();
  });

  it.each([
    ['http://localhost:3000', true],
    ['http://10.0.2.2:3000', true],
    ['https://api.example.com', false],
    ['garbage', false],
  ])('isLocalApi(%s) is %s', (url, local) => {
    expect(isLocalApi(url)).toBe(local);
  });
});
