import { Pressable, StyleSheet, type StyleProp, type ViewStyle } from 'react-native';

import { pressedProps } from '@/lib/a11y';
import { TOUCH, useTheme } from '@/theme';

import { Icon, type IconName } from './Icon';

/** A 44 × 44 button that shows only an icon; `label` is what a screen reader says. */
export function IconButton({
  icon,
  label,
  onPress,
  color,
  selected,
  testID,
  size = 22,
  style,
}: {
  icon: IconName;
  label: string;
  onPress: () => void;
  color?: string;
  /** For toggles (save, like): announced as pressed. */
  selected?: boolean;
  testID?: string;
  size?: number;
  style?: StyleProp<ViewStyle>;
}) {
  const { colors } = useTheme();
  return (
    <Pressable
      testID={testID}
      role="button"
      accessibilityRole="button"
      accessibilityLabel={label}
      aria-label={label}
      {...(selected === undefined ? {} : pressedProps(selected))}
      onPress={onPress}
      style={({ pressed }) => [styles.button, { opacity: pressed ? 0.6 : 1 }, style]}>
      <Icon name={icon} size={size} color={color ?? colors.text} />
    </Pressable>
  );
}

const styles = StyleSheet.create({
  button: {
    minWidth: TOUCH,
    minHeight: TOUCH,
    alignItems: 'center',
    justifyContent: 'center',
    borderRadius: TOUCH / 2,
  },
});
