import { Pressable, StyleSheet, Text, View } from 'react-native';

import { radius, spacing, useTheme } from '@/theme';

/** A row of mutually exclusive options (a radio group) with a visible label. */
export function ChoiceGroup<T extends string>({
  label,
  options,
  value,
  onChange,
  describe = (o) => o[0]!.toUpperCase() + o.slice(1),
  testID,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  describe?: (option: T) => string;
  testID?: string;
}) {
  const { colors } = useTheme();
  return (
    <View style={styles.group} testID={testID}>
      <Text style={[styles.label, { color: colors.text }]} nativeID={testID ? `${testID}-label` : undefined}>
        {label}
      </Text>
      <View accessibilityRole="radiogroup" accessibilityLabel={label} style={styles.row}>
        {options.map((option) => {
          const selected = option === value;
          return (
            <Pressable
              key={option}
              testID={testID ? `${testID}-${option}` : undefined}
              accessibilityRole="radio"
              accessibilityLabel={`${label}: ${describe(option)}`}
              accessibilityState={{ selected, checked: selected }}
              onPress={() => onChange(option)}
              style={[
                styles.option,
                {
                  backgroundColor: selected ? colors.primary : colors.surface,
                  borderColor: selected ? colors.primary : colors.border,
                },
              ]}>
              <Text style={{ color: selected ? colors.onPrimary : colors.text, fontWeight: '500' }}>
                {describe(option)}
              </Text>
            </Pressable>
          );
        })}
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  group: { gap: spacing.sm },
  label: { fontSize: 15, fontWeight: '600' },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: spacing.sm },
  option: {
    minHeight: 36,
    justifyContent: 'center',
    paddingHorizontal: spacing.md,
    borderRadius: radius.pill,
    borderWidth: 1,
  },
});
