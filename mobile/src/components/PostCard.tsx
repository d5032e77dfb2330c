import { Image } from 'expo-image';
import { Pressable, StyleSheet, Text, View } from 'react-native';

import type { FeedItem } from '@/api/types';
import { formatDate, formatLikes, formatReadingTime } from '@/lib/format';
import { radius, spacing, useTheme } from '@/theme';

import { OfflineBadge } from './OfflineBadge';
import { TagChip } from './TagChip';

export function PostCard({
  item,
  onPress,
  onTagPress,
  activeTag,
}: {
  item: FeedItem;
  onPress: (id: string) => void;
  onTagPress: (tag: string) => void;
  activeTag?: string;
}) {
  const { colors } = useTheme();
  return (
    <View
      testID={`post-card-${item.id}`}
      style={[styles.card, { backgroundColor: colors.surface, borderColor: colors.border }]}>
      <Pressable
        testID={`open-post-${item.id}`}
        accessibilityRole="link"
        accessibilityLabel={`Open post: ${item.title}`}
        accessibilityHint={`${formatReadingTime(item.readingTimeMinutes)}, ${formatLikes(item.likes)}`}
        onPress={() => onPress(item.id)}
        style={({ pressed }) => ({ opacity: pressed ? 0.85 : 1 })}>
        {item.imageUrl ? (
          <Image
            source={{ uri: item.imageUrl }}
            style={[styles.image, { backgroundColor: colors.skeleton }]}
            contentFit="cover"
            transition={150}
            accessibilityIgnoresInvertColors
            accessible={false}
          />
        ) : null}
        <View style={styles.body}>
          <Text style={[styles.title, { color: colors.text }]} numberOfLines={2}>
            {item.title}
          </Text>
          <Text style={[styles.summary, { color: colors.textMuted }]} numberOfLines={3}>
            {item.summary}
          </Text>
          <View style={styles.meta}>
            <Text style={[styles.metaText, { color: colors.textMuted }]}>
              {formatDate(item.publishedAt)} · {formatReadingTime(item.readingTimeMinutes)} ·{' '}
              <Text testID={`post-card-likes-${item.id}`}>{formatLikes(item.likes)}</Text>
            </Text>
            {item.offline ? <OfflineBadge compact /> : null}
          </View>
        </View>
      </Pressable>
      {item.tags.length > 0 ? (
        <View style={styles.tags}>
          {item.tags.map((tag) => (
            <TagChip key={tag} tag={tag} selected={tag === activeTag} onPress={onTagPress} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

export function PostCardSkeleton() {
  const { colors } = useTheme();
  const bar = { backgroundColor: colors.skeleton, borderRadius: radius.sm };
  return (
    <View
      testID="post-card-skeleton"
      accessibilityElementsHidden
      importantForAccessibility="no-hide-descendants"
      style={[styles.card, { backgroundColor: colors.surface, borderColor: colors.border }]}>
      <View style={[styles.image, { backgroundColor: colors.skeleton }]} />
      <View style={styles.body}>
        <View style={[bar, { height: 20, width: '80%' }]} />
        <View style={[bar, { height: 14, width: '100%' }]} />
        <View style={[bar, { height: 14, width: '60%' }]} />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  card: {
    marginHorizontal: spacing.lg,
    marginBottom: spacing.lg,
    borderRadius: radius.lg,
    borderWidth: StyleSheet.hairlineWidth,
    overflow: 'hidden',
  },
  image: { width: '100%', height: 168 },
  body: { padding: spacing.lg, paddingBottom: spacing.sm, gap: spacing.sm },
  title: { fontSize: 18, fontWeight: '700', lineHeight: 24 },
  summary: { fontSize: 15, lineHeight: 21 },
  meta: { flexDirection: 'row', alignItems: 'center', flexWrap: 'wrap', gap: spacing.sm },
  metaText: { fontSize: 13 },
  tags: {
    flexDirection: 'row',
    flexWrap: 'wrap',
    gap: spacing.sm,
    paddingHorizontal: spacing.lg,
    paddingBottom: spacing.lg,
    paddingTop: spacing.xs,
  },
});
