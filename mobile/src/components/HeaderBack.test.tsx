import { fireEvent, screen } from '@testing-library/react-native';

import { renderWithProviders } from '@/test/render';
import { mockRouter } from '@/test/router-mock';

import { HeaderBack } from './HeaderBack';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

describe('HeaderBack', () => {
  it('goes back when there is somewhere to go back to', () => {
    mockRouter.canGoBack.mockReturnValue(true);
    renderWithProviders(<HeaderBack />);

    fireEvent.press(screen.getByRole('button', { name: 'Back' }));

    expect(mockRouter.back).toHaveBeenCalled();
  });

  it('leads to the feed from a post opened by a link', () => {
    mockRouter.canGoBack.mockReturnValue(false);
    renderWithProviders(<HeaderBack />);

    fireEvent.press(screen.getByRole('button', { name: 'Back to the feed' }));

    expect(mockRouter.replace).toHaveBeenCalledWith('/');
    expect(mockRouter.back).not.toHaveBeenCalled();
  });
});
