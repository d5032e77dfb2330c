import { checkedProps, disabledProps, pressedProps } from './a11y';

// react-native-web ignores accessibilityState: without the aria-* prop a radio has no
// aria-checked (axe: aria-required-attr) and a toggle never says it is on.
it.each([
  [
    'a radio',
    checkedProps(true),
    { 'aria-checked': true, accessibilityState: { checked: true, selected: true } },
  ],
  ['a toggle', pressedProps(false), { 'aria-pressed': false, accessibilityState: { selected: false } }],
  ['a busy button', disabledProps(true, true), { 'aria-disabled': true, 'aria-busy': true }],
])('%s gets both the native state and the web attribute', (_what, props, expected) => {
  expect(props).toMatchObject(expected);
});
