import { ActivityIndicator, Pressable, StyleSheet, Text, View, type ViewStyle } from 'react-native';

import { disabledProps } from '@/lib/a11y';
import { radius, spacing, TOUCH, useTheme } from '@/theme';

import { Icon, type IconName } from './Icon';

export interface ButtonProps {
  label: string;
  onPress: () => void;
  /** Defaults to `label`; say what happens when it is more than the label shows. */
  accessibilityLabel?: string;
  accessibilityHint?: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  icon?: IconName;
  disabled?: boolean;
  loading?: boolean;
  testID?: string;
  style?: ViewStyle;
}

export function Button({
  label,
  onPress,
  accessibilityLabel,
  accessibilityHint,
  variant = 'primary',
  disabled,
  loading,
  testID,
  style,
  icon,
}: ButtonProps) {
  const { colors } = useTheme();
  const bg =
    variant === 'primary'
      ? colors.primary
      : variant === 'danger'
        ? colors.danger
        : variant === 'ghost'
          ? 'transparent'
          : colors.surfaceAlt;
  const fg = variant === 'secondary' ? colors.text : variant === 'ghost' ? colors.primary : colors.onPrimary;
  const inactive = disabled || loading;
  return (
    <Pressable
      testID={testID}
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? label}
      accessibilityHint={accessibilityHint}
      {...disabledProps(!!inactive, !!loading)}
      disabled={inactive}
      onPress={onPress}
      style={({ pressed }) => [
        styles.button,
        { backgroundColor: bg, opacity: inactive ? 0.5 : 1 },
        pressed && !inactive ? styles.pressed : null,
        style,
      ]}>
      {loading ? (
        // The button says it is busy (aria-busy); the spinner is only a picture of that.
        <View aria-hidden importantForAccessibility="no-hide-descendants" style={styles.spinner}>
          <ActivityIndicator color={fg} />
        </View>
      ) : null}
      {icon && !loading ? (
        <View style={styles.spinner}>
          <Icon name={icon} size={18} color={fg} />
        </View>
      ) : null}
      <Text style={[styles.label, { color: fg }]}>{label}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  button: {
    minHeight: TOUCH,
    paddingHorizontal: spacing.lg,
    borderRadius: radius.md,
    alignItems: 'center',
    justifyContent: 'center',
    flexDirection: 'row',
  },
  label: { fontSize: 16, fontWeight: '600' },
  spinner: { marginRight: spacing.sm },
  // Pressed: a little smaller, not fainter (fading would drop the label's contrast).
  pressed: { transform: [{ scale: 0.98 }] },
});
