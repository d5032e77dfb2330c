import { act, renderHook } from '@testing-library/react-native';

import { PULL_THRESHOLD, usePullToRefresh } from './pull-to-refresh';

type Handlers = {
  onTouchStart: (e: unknown) => void;
  onTouchMove: (e: unknown) => void;
  onTouchEnd: () => void;
};
// As the browser sends them: the position is on the touch, not on the event.
const touch = (y: number) => ({ nativeEvent: { touches: [{ pageY: y }] } });

function pull(atTop: boolean, distance: number) {
  const onRefresh = jest.fn();
  const { result } = renderHook(() => usePullToRefresh(true, () => atTop, onRefresh));
  const h = result.current.handlers as Handlers;
  act(() => h.onTouchStart(touch(200)));
  act(() => (result.current.handlers as Handlers).onTouchMove(touch(200 + distance)));
  const shown = result.current.distance;
  act(() => (result.current.handlers as Handlers).onTouchEnd());
  return { onRefresh, shown, after: result.current.distance };
}

describe('usePullToRefresh (touch browsers)', () => {
  it('refreshes when the list, at its top, is pulled far enough', () => {
    const { onRefresh, shown, after } = pull(true, 2 * PULL_THRESHOLD + 10);
    expect(shown).toBeGreaterThanOrEqual(PULL_THRESHOLD);
    expect(onRefresh).toHaveBeenCalledTimes(1);
    expect(after).toBe(0);
  });

  it.each([
    ['a short pull', true, PULL_THRESHOLD],
    ['a list scrolled down', false, 400],
    ['a push upwards', true, -300],
  ])('does nothing for %s', (_what, atTop, distance) => {
    expect(pull(atTop, distance).onRefresh).not.toHaveBeenCalled();
  });
});
