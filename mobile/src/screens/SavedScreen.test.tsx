import { fireEvent, screen, within } from '@testing-library/react-native';

import { makePost, toFeedItem } from '@/api/fake';
import { renderWithProviders } from '@/test/render';
import { mockRouter } from '@/test/router-mock';

import { SavedScreen } from './SavedScreen';

jest.mock('expo-router', () => require('@/test/router-mock').expoRouterMock);

describe('SavedScreen', () => {
  it('says how to save a post when there is none', () => {
    renderWithProviders(<SavedScreen />);

    expect(screen.getByText('Nothing saved yet')).toBeOnTheScreen();
    fireEvent.press(screen.getByRole('button', { name: 'Browse the feed' }));
    expect(mockRouter.navigate).toHaveBeenCalledWith('/');
  });

  it('lists saved posts, newest saved first, opens them and lets them go', () => {
    const saved = [makePost(2, { title: 'Saved second' }), makePost(1, { title: 'Saved first' })].map(
      (p, i) => ({
        item: toFeedItem(p),
        savedAt: new Date(Date.now() - i * 1000).toISOString(),
      }),
    );
    renderWithProviders(<SavedScreen />, { saved });

    const links = screen.getAllByRole('link').map((l) => within(l).getAllByText(/./)[0]!.props.children);
    expect(links).toEqual(['Saved second', 'Saved first']);
    fireEvent.press(screen.getByText('Saved first'));
    expect(mockRouter.push).toHaveBeenCalledWith('/post/post-1');
    fireEvent.press(screen.getByRole('button', { name: 'Remove “Saved second” from saved' }));
    expect(screen.queryByText('Saved second')).toBeNull();
  });
});
