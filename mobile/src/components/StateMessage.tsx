import { StyleSheet, Text, View } from 'react-native';

import { spacing, useTheme } from '@/theme';

import { Button } from './Button';
import { Icon, type IconName } from './Icon';

/** Empty and error states: what happened, and the one thing to do about it. */
export function StateMessage({
  title,
  message,
  action,
  tone = 'neutral',
  icon,
  testID,
}: {
  title: string;
  message?: string;
  action?: { label: string; onPress: () => void; accessibilityLabel?: string; testID?: string };
  tone?: 'neutral' | 'error';
  icon?: IconName;
  testID?: string;
}) {
  const { colors } = useTheme();
  const glyph = icon ?? (tone === 'error' ? 'alert-circle-outline' : undefined);
  return (
    <View testID={testID} style={styles.container} role={tone === 'error' ? 'alert' : undefined}>
      {glyph ? (
        <Icon name={glyph} size={40} color={tone === 'error' ? colors.danger : colors.textMuted} />
      ) : null}
      <Text
        accessibilityRole="header"
        style={[styles.title, { color: tone === 'error' ? colors.danger : colors.text }]}>
        {title}
      </Text>
      {message ? <Text style={[styles.message, { color: colors.textMuted }]}>{message}</Text> : null}
      {action ? (
        <Button
          label={action.label}
          onPress={action.onPress}
          accessibilityLabel={action.accessibilityLabel}
          testID={action.testID}
          variant={tone === 'error' ? 'primary' : 'secondary'}
          style={styles.action}
        />
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  container: {
    padding: spacing.xl,
    alignItems: 'center',
    gap: spacing.sm,
    maxWidth: 480,
    alignSelf: 'center',
  },
  title: { fontSize: 19, fontWeight: '700', textAlign: 'center' },
  message: { fontSize: 15, textAlign: 'center', lineHeight: 21 },
  action: { marginTop: spacing.md, minWidth: 180 },
});
