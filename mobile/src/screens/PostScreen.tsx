import { Stack, useRouter } from 'expo-router';
import { useMemo, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import { errorMessage, isApiError, type BlogPost, type FeedItem } from '@/api/types';
import { Button } from '@/components/Button';
import { Icon } from '@/components/Icon';
import { IconButton } from '@/components/IconButton';
import { LikeButton } from '@/components/LikeButton';
import { Markdown } from '@/components/Markdown';
import { OfflineBadge } from '@/components/OfflineBadge';
import { PostCard } from '@/components/PostCard';
import { PostImage } from '@/components/PostImage';
import { readingType } from '@/components/reading';
import { StateMessage } from '@/components/StateMessage';
import { TagChip } from '@/components/TagChip';
import {
  formatLongDate,
  formatProvenance,
  formatReadingTime,
  formatRelativeLong,
  formatReviewer,
} from '@/lib/format';
import { goToTab } from '@/lib/navigation';
import { shareLink } from '@/lib/share';
import { useNotices } from '@/state/notices';
import { useFeedQuery } from '@/state/queries/feed';
import { isLiked, useLikeMutation } from '@/state/queries/like';
import { usePostQuery } from '@/state/queries/post';
import { useSaved } from '@/state/saved';
import { useSession } from '@/state/session';
import { radius, READING_WIDTH, spacing, useTheme } from '@/theme';

export function PostScreen({ id }: { id: string }) {
  const { colors } = useTheme();
  const router = useRouter();
  const query = usePostQuery(id);

  if (query.isPending) return <PostSkeleton />;
  if (query.isError && !query.data) {
    const notFound = isApiError(query.error) && query.error.code === 'NOT_FOUND';
    return (
      <View role="main" style={[styles.fill, { backgroundColor: colors.background }]}>
        <Stack.Screen options={{ title: notFound ? 'Post not found' : 'Post' }} />
        <StateMessage
          testID="post-error"
          tone="error"
          title={notFound ? 'This post doesn’t exist' : 'Couldn’t load the post'}
          message={
            notFound ? 'It may have been removed, or the link is mistyped.' : errorMessage(query.error)
          }
          action={
            notFound
              ? { label: 'Go to the home feed', onPress: () => goToTab(router, '/'), testID: 'post-go-home' }
              : {
                  label: 'Try again',
                  accessibilityLabel: 'Try loading the post again',
                  onPress: () => void query.refetch(),
                  testID: 'post-retry',
                }
          }
        />
      </View>
    );
  }
  return <PostView post={query.data} onImageFailed={() => void query.refetch()} />;
}

function PostView({ post, onImageFailed }: { post: BlogPost; onImageFailed: () => void }) {
  const { colors, textScale } = useTheme();
  const router = useRouter();
  const { session, expired } = useSession();
  const { show } = useNotices();
  const saved = useSaved();
  const like = useLikeMutation(post.id);
  const liked = isLiked(post);
  const [notice, setNotice] = useState<{ text: string; signIn: boolean } | null>(null);
  const isSaved = saved.isSaved(post.id);

  const onLike = () => {
    if (!session) {
      router.push({ pathname: '/sign-in', params: { reason: 'like' } });
      return;
    }
    if (expired) {
      setNotice({ text: 'Your sign-in has expired. Sign in again to like posts.', signIn: true });
      return;
    }
    setNotice(null);
    like.mutate(!liked, {
      onError: (e) => {
        const signIn = isApiError(e) && e.status === 401;
        setNotice({
          text: signIn
            ? 'Your sign-in has expired. Sign in again to like posts.'
            : `Couldn’t ${liked ? 'unlike' : 'like'} the post. ${errorMessage(e)}`,
          signIn,
        });
      },
    });
  };

  const onShare = async () => {
    const outcome = await shareLink({ title: post.title, url: post.shareUrl });
    if (outcome === 'copied') {
      show({ tone: 'info', title: 'Link copied', message: post.shareUrl, durationMs: 5000 });
    } else if (outcome === 'failed') {
      show({
        tone: 'error',
        title: 'Couldn’t share the post',
        message: `Its link is ${post.shareUrl}`,
        durationMs: 0,
      });
    }
  };

  const onSave = () => {
    const now = saved.toggle(post);
    show({
      tone: 'info',
      title: now ? 'Saved for later' : 'Removed from saved',
      durationMs: 3000,
      action: now ? { label: 'See saved', href: '/saved' } : undefined,
    });
  };

  const type = readingType(textScale);
  return (
    <ScrollView
      testID="post-screen"
      role="main"
      style={{ backgroundColor: colors.background }}
      contentContainerStyle={styles.content}>
      <Stack.Screen options={{ title: post.title, headerTitle: () => null }} />
      <View style={styles.column}>
        <Text
          aria-level={1}
          accessibilityRole="header"
          testID="post-title"
          style={[styles.title, type.title, { color: colors.text }]}>
          {post.title}
        </Text>
        <Text style={[styles.summary, type.summary, { color: colors.textMuted }]}>{post.summary}</Text>
        <View style={styles.byline}>
          <View style={[styles.avatar, { backgroundColor: colors.surfaceAlt }]}>
            <Icon name="sparkles" size={18} color={colors.primary} />
          </View>
          <View style={{ flex: 1 }}>
            <Text style={[styles.author, { color: colors.text }]}>AI Blog</Text>
            <Text
              style={[styles.meta, { color: colors.textMuted }]}
              accessibilityLabel={`Published ${formatLongDate(post.publishedAt)}, ${formatReadingTime(post.readingTimeMinutes)}`}>
              {formatRelativeLong(post.publishedAt)} ·{' '}
              <Text testID="post-reading-time">{formatReadingTime(post.readingTimeMinutes)}</Text>
            </Text>
            {formatReviewer(post.reviewedBy) ? (
              <Text testID="post-reviewed-by" style={[styles.meta, { color: colors.textMuted }]}>
                {formatReviewer(post.reviewedBy)}
              </Text>
            ) : null}
          </View>
        </View>
        {post.offline ? <OfflineBadge /> : null}
        <View style={[styles.actions, { borderColor: colors.border }]}>
          <LikeButton liked={liked} likes={post.likes} onPress={onLike} />
          <View style={{ flex: 1 }} />
          <IconButton
            testID="save-button"
            icon={isSaved ? 'bookmark' : 'bookmark-outline'}
            label={isSaved ? 'Remove from saved' : 'Save for later'}
            selected={isSaved}
            color={isSaved ? colors.primary : colors.text}
            onPress={onSave}
          />
          <IconButton
            testID="share-button"
            icon="share-outline"
            label="Share this post"
            onPress={() => void onShare()}
          />
        </View>
        {notice ? (
          <View
            testID="post-notice"
            role="alert"
            accessibilityLiveRegion="polite"
            style={[styles.notice, { backgroundColor: colors.dangerSurface }]}>
            <Text style={{ color: colors.danger }}>{notice.text}</Text>
            {notice.signIn ? (
              <Button
                testID="post-sign-in-again"
                label="Sign in again"
                variant="secondary"
                onPress={() => router.push({ pathname: '/sign-in', params: { reason: 'expired' } })}
              />
            ) : null}
          </View>
        ) : null}
      </View>
      <View style={[styles.column, styles.heroWrap]}>
        <PostImage
          testID="post-hero"
          postId={post.id}
          uri={post.imageUrl}
          style={styles.hero}
          label={`Illustration for ${post.title}`}
          onFailed={onImageFailed}
        />
      </View>
      <View style={styles.column}>
        <Markdown value={post.body} />
        {post.tags.length > 0 ? (
          <View style={styles.tags} accessibilityLabel="Topics">
            {post.tags.map((tag) => (
              <TagChip
                key={tag}
                tag={tag}
                onPress={(t) => goToTab(router, { pathname: '/', params: { tag: t } })}
              />
            ))}
          </View>
        ) : null}
        <Text
          testID="post-provenance"
          style={[styles.footer, { color: colors.textMuted, borderColor: colors.border }]}>
          {formatProvenance(post)}
        </Text>
        <ReadNext post={post} />
      </View>
    </ScrollView>
  );
}

/** At the end of a post: more on its first topic, else the newest posts. */
function ReadNext({ post }: { post: BlogPost }) {
  const { colors } = useTheme();
  const router = useRouter();
  const saved = useSaved();
  const topic = post.tags[0];
  const related = useFeedQuery(topic);
  const latest = useFeedQuery(undefined);
  const { title, items } = useMemo(() => {
    const others = (list: FeedItem[] | undefined) => (list ?? []).filter((p) => p.id !== post.id);
    const onTopic = others(related.data?.pages[0]?.items).slice(0, 3);
    if (onTopic.length > 0) return { title: `More on #${topic}`, items: onTopic };
    return { title: 'Read next', items: others(latest.data?.pages[0]?.items).slice(0, 3) };
  }, [related.data, latest.data, post.id, topic]);
  if (items.length === 0) return null;
  return (
    <View testID="read-next" style={styles.readNext}>
      <Text aria-level={2} accessibilityRole="header" style={[styles.readNextTitle, { color: colors.text }]}>
        {title}
      </Text>
      {items.map((item) => (
        <PostCard
          key={item.id}
          item={item}
          onPress={(id) => router.push(`/post/${encodeURIComponent(id)}`)}
          saved={saved.isSaved(item.id)}
          onToggleSave={saved.toggle}
        />
      ))}
    </View>
  );
}

function PostSkeleton() {
  const { colors } = useTheme();
  const bar = { backgroundColor: colors.skeleton, borderRadius: radius.sm };
  return (
    <View
      testID="post-skeleton"
      style={[styles.fill, { backgroundColor: colors.background }]}
      accessibilityLabel="Loading the post">
      <View style={[styles.column, { gap: spacing.md, paddingTop: spacing.lg }]}>
        <View style={[bar, { height: 28, width: '85%' }]} />
        <View style={[bar, { height: 28, width: '60%' }]} />
        <View style={[bar, { height: 16, width: '40%' }]} />
        <View style={[bar, { width: '100%', aspectRatio: 16 / 9 }]} />
        {[0, 1, 2, 3, 4].map((i) => (
          <View key={i} style={[bar, { height: 16, width: i % 2 ? '90%' : '100%' }]} />
        ))}
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  content: { paddingBottom: spacing.xxl * 2 },
  column: { width: '100%', maxWidth: READING_WIDTH, alignSelf: 'center', paddingHorizontal: spacing.lg },
  title: { marginTop: spacing.lg },
  summary: { marginTop: spacing.sm },
  byline: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.md,
    marginTop: spacing.lg,
    marginBottom: spacing.sm,
  },
  avatar: { width: 40, height: 40, borderRadius: 20, alignItems: 'center', justifyContent: 'center' },
  author: { fontSize: 15, fontWeight: '600' },
  meta: { fontSize: 14 },
  actions: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.xs,
    marginTop: spacing.md,
    paddingVertical: spacing.xs,
    borderTopWidth: StyleSheet.hairlineWidth,
    borderBottomWidth: StyleSheet.hairlineWidth,
  },
  notice: { marginTop: spacing.md, padding: spacing.md, borderRadius: radius.md, gap: spacing.sm },
  heroWrap: { marginTop: spacing.lg, marginBottom: spacing.sm },
  hero: { width: '100%', aspectRatio: 16 / 9, borderRadius: radius.lg },
  tags: { flexDirection: 'row', flexWrap: 'wrap', columnGap: spacing.sm, marginTop: spacing.lg },
  footer: {
    fontSize: 14,
    lineHeight: 20,
    borderTopWidth: StyleSheet.hairlineWidth,
    paddingTop: spacing.md,
    marginTop: spacing.lg,
  },
  readNext: { marginTop: spacing.xl, marginHorizontal: -spacing.lg },

  readNextTitle: { fontSize: 20, fontWeight: '700', marginBottom: spacing.xs, paddingHorizontal: spacing.lg },
});
