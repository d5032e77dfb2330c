import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { StyleSheet } from 'react-native';

import { FakeAiBlogApi } from '@/api/fake';
import { feedQueryKey } from '@/state/queries/feed';
import { useSettings } from '@/state/settings';
import { createTestQueryClient, renderWithProviders } from '@/test/render';
import { palettes } from '@/theme';

import { SettingsScreen } from './SettingsScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

let current: ReturnType<typeof useSettings>['settings'] | undefined;
function SettingsSpy() {
  current = useSettings().settings;
  return null;
}

const background = () =>
  StyleSheet.flatten(screen.getByTestId('settings-screen').props.style).backgroundColor;

describe('SettingsScreen', () => {
  it.each(['localhost:3000', 'ftp://example.com', 'http://', 'not a url'])(
    'refuses %s as the API server',
    async (url) => {
      renderWithProviders(
        <>
          <SettingsScreen />
          <SettingsSpy />
        </>,
      );

      fireEvent.changeText(screen.getByLabelText('API server'), url);
      fireEvent.press(screen.getByRole('button', { name: 'Save the API server' }));

      expect(await screen.findByText('Enter an address like http://localhost:3000')).toBeOnTheScreen();
      expect(current?.apiUrl).toBe('http://localhost:3000');
    },
  );

  it('saves a new API server without its trailing slash and drops the old server’s cache', async () => {
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(feedQueryKey(), { pages: [], pageParams: [] });
    renderWithProviders(
      <>
        <SettingsScreen />
        <SettingsSpy />
      </>,
      { queryClient },
    );

    fireEvent.changeText(screen.getByLabelText('API server'), ' https://api.example.com/prod/ ');
    fireEvent.press(screen.getByRole('button', { name: 'Save the API server' }));

    await waitFor(() => expect(current?.apiUrl).toBe('https://api.example.com/prod'));
    expect(screen.getByText('Using https://api.example.com/prod')).toBeOnTheScreen();
    expect(queryClient.getQueryData(feedQueryKey())).toBeUndefined();
  });

  it.each([
    ['Dark', 'dark', palettes.dark.background],
    ['Light', 'light', palettes.light.background],
    // The test renderer's system scheme is light.
    ['Same as device', 'system', palettes.light.background],
  ] as const)('switches the theme to %s', async (name, value, color) => {
    renderWithProviders(
      <>
        <SettingsScreen />
        <SettingsSpy />
      </>,
      {
        settings: { theme: value === 'dark' ? 'light' : 'dark' },
      },
    );

    fireEvent.press(screen.getByRole('radio', { name: `Appearance: ${name}` }));

    await waitFor(() => expect(current?.theme).toBe(value));
    expect(screen.getByRole('radio', { name: `Appearance: ${name}` })).toBeChecked();
    expect(background()).toBe(color);
  });

  it('signs out', async () => {
    renderWithProviders(<SettingsScreen />, { api: new FakeAiBlogApi() });
    expect(screen.getByText('Signed in to this computer’s AI Blog server.')).toBeOnTheScreen();

    fireEvent.press(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByText(/^Not signed in\. You can read everything/)).toBeOnTheScreen();
  });

  it('puts what readers use first and the developer settings last', () => {
    renderWithProviders(<SettingsScreen />);

    const headers = screen.getAllByRole('header').map((h) => h.props.children);
    expect(headers).toEqual(['Reading', 'Account', 'For developers']);
  });

  it.each([
    ['Small', 'small', 16],
    ['Large', 'large', 21],
    ['Extra large', 'xlarge', 23],
  ] as const)('sets the text size to %s, with a preview', async (name, value, size) => {
    renderWithProviders(
      <>
        <SettingsScreen />
        <SettingsSpy />
      </>,
    );

    fireEvent.press(screen.getByRole('radio', { name: `Text size: ${name}` }));

    await waitFor(() => expect(current?.textSize).toBe(value));
    expect(StyleSheet.flatten(screen.getByTestId('text-size-preview').props.style).fontSize).toBe(size);
  });
});
