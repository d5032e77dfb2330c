import { StyleSheet, Text, View } from 'react-native';

import { radius, spacing, useTheme } from '@/theme';

/**
 * Posts made without a model (the built-in stand-in the local server uses when no AI provider
 * is configured) carry this, so nobody mistakes them for real model output.
 */
export function OfflineBadge({ compact = false }: { compact?: boolean }) {
  const { colors } = useTheme();
  const label = compact ? 'Sample' : 'Sample post · not written by an AI model';
  return (
    <View
      testID="offline-badge"
      accessible
      accessibilityLabel="Sample post, written by the built-in stand-in, not by an AI model"
      style={[styles.badge, { backgroundColor: colors.warningSurface }]}>
      <Text style={[styles.text, { color: colors.warning }]}>{label}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  badge: {
    alignSelf: 'flex-start',
    paddingHorizontal: spacing.sm,
    paddingVertical: 2,
    borderRadius: radius.sm,
  },
  text: { fontSize: 12, fontWeight: '600' },
});
