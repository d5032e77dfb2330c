/**
 * A stand-in for expo-router's hooks, for screen tests:
 *   jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);
 * Assert on `mockRouter.push` / `replace` / `setParams`.
 */
export const mockRouter = {
  push: jest.fn(),
  replace: jest.fn(),
  navigate: jest.fn(),
  back: jest.fn(),
  setParams: jest.fn(),
  canGoBack: jest.fn(() => true),
  dismiss: jest.fn(),
  dismissAll: jest.fn(),
  canDismiss: jest.fn(() => false),
};

export const mockPathname = { current: '/' };

/** `useNavigation()`: screens that guard leaving listen for `beforeRemove`. */
export const mockNavigation = {
  addListener: jest.fn((_event: string, _listener: unknown) => () => {}),
  dispatch: jest.fn(),
};

export const expoRouterMock = {
  useRouter: () => mockRouter,
  router: mockRouter,
  useLocalSearchParams: () => ({}),
  usePathname: () => mockPathname.current,
  useNavigation: () => mockNavigation,
  Stack: { Screen: () => null },
};
