/* Jest setup shared by every test file. */
import mockAsyncStorage from '@react-native-async-storage/async-storage/jest/async-storage-mock';

jest.mock('@react-native-async-storage/async-storage', () => mockAsyncStorage);

// FlashList virtualizes by measured native layout, which jest does not have (its jestSetup.js
// targets an older 2.x). FlatList has the same props we use and renders its first rows
// without layout, and it never calls onEndReached on its own: tests fire it.
jest.mock('@shopify/flash-list', () => {
  const React = jest.requireActual('react');
  const { FlatList } = jest.requireActual('react-native');
  const FlashList = React.forwardRef((props: object, ref: unknown) =>
    React.createElement(FlatList, { ...props, ref, initialNumToRender: 50, disableVirtualization: true }),
  );
  FlashList.displayName = 'FlashList';
  return { FlashList };
});

jest.mock('expo-secure-store', () => {
  const store = new Map<string, string>();
  return {
    getItemAsync: jest.fn(async (k: string) => store.get(k) ?? null),
    setItemAsync: jest.fn(async (k: string, v: string) => void store.set(k, v)),
    deleteItemAsync: jest.fn(async (k: string) => void store.delete(k)),
  };
});

jest.mock(
  'react-native-safe-area-context',
  () => require('react-native-safe-area-context/jest/mock').default,
);

// Local notifications: tests assert on what would be sent (see request-watch.test.tsx).
jest.mock('@/lib/notify', () => ({
  askForNotificationPermission: jest.fn(async () => {}),
  notifyLocally: jest.fn(async () => {}),
  onNotificationOpened: jest.fn(() => () => {}),
}));

jest.mock('expo-clipboard', () => ({ setStringAsync: jest.fn(async () => true) }));
