import { Pressable, StyleSheet, Text, View } from 'react-native';

import { checkedProps } from '@/lib/a11y';
import { radius, spacing, TOUCH, useTheme } from '@/theme';

import { Icon } from './Icon';

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
  const labelId = testID ? `${testID}-label` : undefined;
  return (
    <View style={styles.group} testID={testID}>
      <Text style={[styles.label, { color: colors.text }]} nativeID={labelId}>
        {label}
      </Text>
      <View
        role="radiogroup"
        accessibilityRole="radiogroup"
        accessibilityLabel={label}
        aria-labelledby={labelId}
        style={styles.row}>
        {options.map((option) => {
          const selected = option === value;
          return (
            <Pressable
              key={option}
              testID={testID ? `${testID}-${option}` : undefined}
              role="radio"
              accessibilityRole="radio"
              accessibilityLabel={`${label}: ${describe(option)}`}
              {...checkedProps(selected)}
              onPress={() => onChange(option)}
              style={styles.target}>
              <View
                style={[
                  styles.option,
                  {
                    backgroundColor: selected ? colors.primary : colors.surface,
                    borderColor: selected ? colors.primary : colors.border,
                  },
                ]}>
                {selected ? <Icon name="checkmark" size={16} color={colors.onPrimary} /> : null}
                <Text
                  style={{
                    color: selected ? colors.onPrimary : colors.text,
                    fontWeight: '500',
                    fontSize: 15,
                  }}>
                  {describe(option)}
                </Text>
              </View>
            </Pressable>
          );
        })}
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  group: { gap: spacing.xs },
  label: { fontSize: 15, fontWeight: '600' },
  row: { flexDirection: 'row', flexWrap: 'wrap', columnGap: spacing.sm },
  // The pill is 36 high; the touch target around it is 44.
  target: { minHeight: TOUCH, justifyContent: 'center' },
  option: {
    minHeight: 36,
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.xs,
    paddingHorizontal: spacing.md,
    borderRadius: radius.pill,
    borderWidth: 1,
  },
});
