import { useCallback, useRef, useState } from 'react';
import { Platform, type GestureResponderEvent } from 'react-native';

/** How far (in points) the list must be pulled down to refresh. */
export const PULL_THRESHOLD = 64;

/** True on phones and on touch-screen browsers: they pull to refresh instead of pressing a button. */
export function isTouchDevice(): boolean {
  if (Platform.OS !== 'web') return true;
  return typeof window !== 'undefined' && !!window.matchMedia?.('(pointer: coarse)').matches;
}

/**
 * Pull to refresh for a list in a touch browser (React Native's RefreshControl does this on
 * phones; react-native-web has no gesture for it). Spread `handlers` on a view around the list;
 * `distance` is how far it is pulled, for the indicator.
 */
/** A touch's vertical page position: React Native's events have `pageY`, the DOM's have it per touch. */
function pageY(e: GestureResponderEvent): number {
  const native = e.nativeEvent as unknown as { pageY?: number; touches?: ArrayLike<{ pageY: number }> };
  return native.touches?.[0]?.pageY ?? native.pageY ?? 0;
}

export function usePullToRefresh(enabled: boolean, atTop: () => boolean, onRefresh: () => void) {
  const [distance, setDistance] = useState(0);
  const start = useRef<number | null>(null);
  const pulled = useRef(0);

  const set = (d: number) => {
    pulled.current = d;
    setDistance(d);
  };

  const onTouchStart = useCallback(
    (e: GestureResponderEvent) => {
      start.current = atTop() ? pageY(e) : null;
      pulled.current = 0;
    },
    [atTop],
  );
  const onTouchMove = useCallback(
    (e: GestureResponderEvent) => {
      if (start.current === null) return;
      const dy = pageY(e) - start.current;
      if (dy <= 0 || !atTop()) {
        if (dy < 0) start.current = null;
        set(0);
        return;
      }
      set(Math.min(PULL_THRESHOLD * 1.5, dy * 0.5));
    },
    [atTop],
  );
  const onTouchEnd = useCallback(() => {
    if (start.current !== null && pulled.current >= PULL_THRESHOLD) onRefresh();
    start.current = null;
    set(0);
  }, [onRefresh]);

  return {
    distance,
    handlers: enabled ? { onTouchStart, onTouchMove, onTouchEnd, onTouchCancel: onTouchEnd } : {},
  };
}
