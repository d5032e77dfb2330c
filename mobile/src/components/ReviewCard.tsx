import { Pressable, StyleSheet, Text, View } from 'react-native';

import type { ReviewItem } from '@/api/types';
import { formatCost, formatRequester, formatWaited } from '@/lib/format';
import { radius, spacing, useTheme } from '@/theme';

import { Icon } from './Icon';
import { PostImage } from './PostImage';

/**
 * A draft in the review queue, laid out like a post card (title, two lines of summary, a square
 * thumbnail), with what an editor weighs: the topic asked for, who asked, how long it has waited and
 * what it has cost so far. The whole card is one link to the draft.
 */
export function ReviewCard({
  item,
  onPress,
  onImageFailed,
  now,
}: {
  item: ReviewItem;
  onPress: (id: string) => void;
  onImageFailed?: () => void;
  now?: Date;
}) {
  const { colors } = useTheme();
  const waited = formatWaited(item.awaitingSince, now);
  return (
    <View testID={`review-card-${item.requestId}`} style={[styles.card, { borderColor: colors.border }]}>
      <Pressable
        testID={`open-review-${item.requestId}`}
        role="link"
        accessibilityRole="link"
        accessibilityHint="Opens the draft to edit, approve or reject it"
        onPress={() => onPress(item.requestId)}
        style={({ pressed }) => [styles.link, pressed ? { backgroundColor: colors.surfaceAlt } : null]}>
        <Text style={[styles.topic, { color: colors.textMuted }]} numberOfLines={1}>
          Topic: {item.topic}
        </Text>
        <View style={styles.row}>
          <View style={styles.text}>
            <Text style={[styles.title, { color: colors.text }]} numberOfLines={3}>
              {item.title}
            </Text>
            <Text style={[styles.summary, { color: colors.textMuted }]} numberOfLines={2}>
              {item.summary}
            </Text>
          </View>
          <PostImage
            postId={`review-${item.requestId}`}
            uri={item.imageUrl}
            style={styles.thumb}
            label=""
            onFailed={onImageFailed}
            testID={`review-card-image-${item.requestId}`}
          />
        </View>
        <View style={styles.meta}>
          <Text style={[styles.metaText, { color: colors.textMuted }]}>
            {formatRequester(item.requestedBy)}
          </Text>
          <View style={styles.metaItem}>
            <Icon name="time-outline" size={13} color={colors.textMuted} />
            <Text
              testID={`review-card-waited-${item.requestId}`}
              style={[styles.metaText, { color: colors.textMuted }]}>
              Waiting {waited}
            </Text>
          </View>
          <Text style={[styles.metaText, { color: colors.textMuted }]}>
            {formatCost(item.costUsd)} so far
          </Text>
        </View>
      </Pressable>
    </View>
  );
}

export function ReviewCardSkeleton() {
  const { colors } = useTheme();
  const bar = { backgroundColor: colors.skeleton, borderRadius: radius.sm };
  return (
    <View
      testID="review-card-skeleton"
      accessibilityElementsHidden
      importantForAccessibility="no-hide-descendants"
      aria-hidden
      style={[styles.card, styles.link, { borderColor: colors.border }]}>
      <View style={[bar, { height: 12, width: 160, marginBottom: spacing.sm }]} />
      <View style={styles.row}>
        <View style={[styles.text, { gap: spacing.sm }]}>
          <View style={[bar, { height: 18, width: '90%' }]} />
          <View style={[bar, { height: 18, width: '60%' }]} />
          <View style={[bar, { height: 14, width: '100%' }]} />
        </View>
        <View style={[styles.thumb, { backgroundColor: colors.skeleton }]} />
      </View>
      <View style={[bar, { height: 12, width: 200, marginVertical: spacing.md }]} />
    </View>
  );
}

const THUMB = 84;

const styles = StyleSheet.create({
  card: { borderBottomWidth: StyleSheet.hairlineWidth },
  link: { paddingHorizontal: spacing.lg, paddingTop: spacing.md, paddingBottom: spacing.md, gap: spacing.xs },
  topic: { fontSize: 13 },
  row: { flexDirection: 'row', gap: spacing.md, alignItems: 'flex-start' },
  text: { flex: 1, gap: spacing.xs },
  title: { fontSize: 17, lineHeight: 22, fontWeight: '700' },
  summary: { fontSize: 15, lineHeight: 20 },
  thumb: { width: THUMB, height: THUMB, borderRadius: radius.md },
  meta: {
    flexDirection: 'row',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: spacing.md,
    rowGap: 2,
    marginTop: spacing.xs,
  },
  metaItem: { flexDirection: 'row', alignItems: 'center', gap: 3 },
  metaText: { fontSize: 13 },
});
