/**
 * States that reach assistive technology on every platform. React Native turns
 * `accessibilityState` into native traits, but react-native-web ignores it: on the web only
 * `aria-*` props reach the DOM. These helpers set both.
 */
import type { AccessibilityState } from 'react-native';

type StateProps = { accessibilityState: AccessibilityState } & Record<`aria-${string}`, boolean>;

/** A toggle button (save, like): `aria-pressed` on the web, selected on iOS / Android. */
export function pressedProps(pressed: boolean): StateProps {
  return { accessibilityState: { selected: pressed }, 'aria-pressed': pressed };
}

/** A radio button or checkbox: `aria-checked`, required for `role="radio"`. */
export function checkedProps(checked: boolean): StateProps {
  return { accessibilityState: { checked, selected: checked }, 'aria-checked': checked };
}

export function disabledProps(disabled: boolean, busy = false): StateProps {
  return { accessibilityState: { disabled, busy }, 'aria-disabled': disabled, 'aria-busy': busy };
}
