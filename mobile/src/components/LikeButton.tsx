import { Pressable, StyleSheet, Text } from 'react-native';

import { formatLikes } from '@/lib/format';
import { radius, spacing, useTheme } from '@/theme';

export function LikeButton({
  liked,
  likes,
  onPress,
  disabled,
}: {
  liked: boolean;
  likes: number;
  onPress: () => void;
  disabled?: boolean;
}) {
  const { colors } = useTheme();
  return (
    <Pressable
      testID="like-button"
      accessibilityRole="button"
      accessibilityLabel={liked ? `Unlike, ${formatLikes(likes)}` : `Like, ${formatLikes(likes)}`}
      accessibilityState={{ selected: liked, disabled: !!disabled }}
      disabled={disabled}
      onPress={onPress}
      style={({ pressed }) => [
        styles.button,
        {
          borderColor: liked ? colors.like : colors.border,
          backgroundColor: colors.surface,
          opacity: pressed ? 0.7 : 1,
        },
      ]}>
      <Text style={[styles.heart, { color: liked ? colors.like : colors.textMuted }]}>
        {liked ? '♥' : '♡'}
      </Text>
      <Text testID="like-count" style={[styles.count, { color: colors.text }]}>
        {likes}
      </Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  button: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.xs,
    minHeight: 40,
    paddingHorizontal: spacing.md,
    borderRadius: radius.pill,
    borderWidth: 1,
  },
  heart: { fontSize: 18, lineHeight: 22 },
  count: { fontSize: 15, fontWeight: '600' },
});
