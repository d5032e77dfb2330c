import { Pressable, StyleSheet, Text, View } from 'react-native';

import { pressedProps } from '@/lib/a11y';
import { radius, spacing, TOUCH, useTheme } from '@/theme';

import { Icon } from './Icon';

/** A tag to filter by: a 32 pt pill inside a 44 pt touch target. */
export function TagChip({
  tag,
  label,
  onPress,
  selected = false,
  clearable = false,
  accessibilityLabel,
  testID,
}: {
  tag: string;
  /** Shown instead of `#tag` (e.g. "All"). */
  label?: string;
  onPress?: (tag: string) => void;
  selected?: boolean;
  /** Shows an × (pressing it clears the filter). */
  clearable?: boolean;
  accessibilityLabel?: string;
  testID?: string;
}) {
  const { colors } = useTheme();
  const text = label ?? `#${tag}`;
  const content = (
    <View
      style={[
        styles.chip,
        {
          backgroundColor: selected ? colors.text : colors.surfaceAlt,
          borderColor: selected ? colors.text : colors.border,
        },
      ]}>
      <Text style={[styles.text, { color: selected ? colors.background : colors.text }]}>{text}</Text>
      {clearable ? <Icon name="close" size={14} color={selected ? colors.background : colors.text} /> : null}
    </View>
  );
  if (!onPress) {
    return <View testID={testID}>{content}</View>;
  }
  return (
    <Pressable
      testID={testID}
      role="button"
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? `Show posts tagged ${tag}`}
      {...pressedProps(selected)}
      onPress={() => onPress(tag)}
      style={styles.target}>
      {content}
    </Pressable>
  );
}

const styles = StyleSheet.create({
  target: { minHeight: TOUCH, minWidth: TOUCH, justifyContent: 'center', alignItems: 'stretch' },
  chip: {
    minHeight: 32,
    flexDirection: 'row',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 4,
    paddingHorizontal: spacing.md,
    borderRadius: radius.pill,
    borderWidth: StyleSheet.hairlineWidth,
  },
  text: { fontSize: 14, fontWeight: '500' },
});
