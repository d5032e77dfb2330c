import { Pressable, StyleSheet, Text } from 'react-native';

import { pressedProps } from '@/lib/a11y';
import { formatLikes } from '@/lib/format';
import { radius, spacing, TOUCH, useTheme } from '@/theme';

import { Icon } from './Icon';

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
      role="button"
      accessibilityRole="button"
      accessibilityLabel={liked ? `Unlike, ${formatLikes(likes)}` : `Like, ${formatLikes(likes)}`}
      {...pressedProps(liked)}
      disabled={disabled}
      onPress={onPress}
      style={({ pressed }) => [
        styles.button,
        {
          borderColor: liked ? colors.like : colors.border,
          backgroundColor: pressed ? colors.surfaceAlt : 'transparent',
        },
      ]}>
      <Icon name={liked ? 'heart' : 'heart-outline'} size={20} color={liked ? colors.like : colors.text} />
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
    minHeight: TOUCH,
    minWidth: 64,
    paddingHorizontal: spacing.md,
    borderRadius: radius.pill,
    borderWidth: 1,
  },
  count: { fontSize: 15, fontWeight: '600' },
});
