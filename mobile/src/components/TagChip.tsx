import { Pressable, StyleSheet, Text } from 'react-native';

import { radius, spacing, useTheme } from '@/theme';

export function TagChip({
  tag,
  onPress,
  selected = false,
  accessibilityLabel,
  testID,
}: {
  tag: string;
  onPress?: (tag: string) => void;
  selected?: boolean;
  accessibilityLabel?: string;
  testID?: string;
}) {
  const { colors } = useTheme();
  return (
    <Pressable
      testID={testID}
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? `Show posts tagged ${tag}`}
      accessibilityState={{ selected }}
      disabled={!onPress}
      onPress={() => onPress?.(tag)}
      hitSlop={4}
      style={[
        styles.chip,
        {
          backgroundColor: selected ? colors.primary : colors.surfaceAlt,
          borderColor: selected ? colors.primary : colors.border,
        },
      ]}>
      <Text style={[styles.text, { color: selected ? colors.onPrimary : colors.textMuted }]}>
        #{tag}
      </Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  chip: {
    paddingHorizontal: spacing.sm + 2,
    paddingVertical: spacing.xs,
    borderRadius: radius.pill,
    borderWidth: StyleSheet.hairlineWidth,
  },
  text: { fontSize: 13, fontWeight: '500' },
});
