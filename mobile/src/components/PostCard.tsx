import { Pressable, StyleSheet, Text, View } from 'react-native';

import type { FeedItem } from '@/api/types';
import { formatLikes, formatReadingTime, formatRelative } from '@/lib/format';
import { radius, spacing, TOUCH, useTheme } from '@/theme';

import { Icon } from './Icon';
import { IconButton } from './IconButton';
import { OfflineBadge } from './OfflineBadge';
import { PostImage } from './PostImage';

/**
 * A post in a list, compact like Medium's and Substack's: title and two lines of summary beside
 * a square thumbnail, then when, how long, likes. The card is one link; the save button beside it
 * is its own control (nothing interactive nests inside the link).
 */
export function PostCard({
  item,
  onPress,
  saved,
  onToggleSave,
  onImageFailed,
}: {
  item: FeedItem;
  onPress: (id: string) => void;
  saved?: boolean;
  onToggleSave?: (item: FeedItem) => void;
  onImageFailed?: () => void;
}) {
  const { colors } = useTheme();
  const when = formatRelative(item.publishedAt);
  return (
    <View testID={`post-card-${item.id}`} style={[styles.card, { borderColor: colors.border }]}>
      <Pressable
        testID={`open-post-${item.id}`}
        role="link"
        accessibilityRole="link"
        // No label of its own: the link reads what it shows (title, summary, when, how long), so
        // what a screen reader says matches what a voice-control user sees.
        onPress={() => onPress(item.id)}
        style={({ pressed }) => [styles.link, pressed ? { backgroundColor: colors.surfaceAlt } : null]}>
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
            postId={item.id}
            uri={item.imageUrl}
            style={styles.thumb}
            label=""
            onFailed={onImageFailed}
            testID={`post-card-image-${item.id}`}
          />
        </View>
        <View style={[styles.meta, onToggleSave ? styles.metaBesideButton : null]}>
          <Text style={[styles.metaText, { color: colors.textMuted }]}>
            {when} · {formatReadingTime(item.readingTimeMinutes)}
          </Text>
          {item.likes > 0 ? (
            <View style={styles.likes}>
              <Icon name="heart" size={13} color={colors.textMuted} />
              <Text
                testID={`post-card-likes-${item.id}`}
                accessibilityLabel={formatLikes(item.likes)}
                style={[styles.metaText, { color: colors.textMuted }]}>
                {item.likes}
              </Text>
            </View>
          ) : null}
          {item.offline ? <OfflineBadge compact /> : null}
        </View>
      </Pressable>
      {onToggleSave ? (
        <IconButton
          testID={`save-post-${item.id}`}
          icon={saved ? 'bookmark' : 'bookmark-outline'}
          label={saved ? `Remove “${item.title}” from saved` : `Save “${item.title}” for later`}
          selected={!!saved}
          color={saved ? colors.primary : colors.textMuted}
          onPress={() => onToggleSave(item)}
          style={styles.save}
        />
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
      aria-hidden
      style={[styles.card, styles.link, { borderColor: colors.border }]}>
      <View style={styles.row}>
        <View style={[styles.text, { gap: spacing.sm }]}>
          <View style={[bar, { height: 18, width: '90%' }]} />
          <View style={[bar, { height: 18, width: '60%' }]} />
          <View style={[bar, { height: 14, width: '100%' }]} />
        </View>
        <View style={[styles.thumb, { backgroundColor: colors.skeleton }]} />
      </View>
      <View style={[bar, { height: 12, width: 120, marginTop: spacing.md }]} />
    </View>
  );
}

const THUMB = 84;

const styles = StyleSheet.create({
  card: { borderBottomWidth: StyleSheet.hairlineWidth },
  link: { paddingHorizontal: spacing.lg, paddingTop: spacing.lg, paddingBottom: spacing.xs },
  row: { flexDirection: 'row', gap: spacing.md, alignItems: 'flex-start' },
  text: { flex: 1, gap: spacing.xs },
  title: { fontSize: 17, lineHeight: 22, fontWeight: '700' },
  summary: { fontSize: 15, lineHeight: 20 },
  thumb: { width: THUMB, height: THUMB, borderRadius: radius.md },
  meta: {
    flexDirection: 'row',
    alignItems: 'center',
    alignContent: 'center',
    flexWrap: 'wrap',
    gap: spacing.sm,
    minHeight: TOUCH,
  },
  metaBesideButton: { paddingRight: TOUCH },
  metaText: { fontSize: 13 },
  likes: { flexDirection: 'row', alignItems: 'center', gap: 3 },
  save: { position: 'absolute', right: spacing.xs, bottom: spacing.xs },
});
