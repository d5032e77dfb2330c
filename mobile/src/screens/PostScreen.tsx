import { Image } from 'expo-image';
import { Stack, useRouter } from 'expo-router';
import { useState } from 'react';
import { Pressable, ScrollView, Share, StyleSheet, Text, View } from 'react-native';

import { errorMessage, isApiError, type BlogPost } from '@/api/types';
import { LikeButton } from '@/components/LikeButton';
import { Markdown } from '@/components/Markdown';
import { OfflineBadge } from '@/components/OfflineBadge';
import { StateMessage } from '@/components/StateMessage';
import { TagChip } from '@/components/TagChip';
import { formatCost, formatDate, formatReadingTime } from '@/lib/format';
import { postLink } from '@/lib/links';
import { useLikedState, useLikeMutation } from '@/state/queries/like';
import { usePostQuery } from '@/state/queries/post';
import { useSession } from '@/state/session';
import { radius, spacing, useTheme } from '@/theme';

export function PostScreen({ id }: { id: string }) {
  const { colors } = useTheme();
  const query = usePostQuery(id);

  if (query.isPending) return <PostSkeleton />;
  if (query.isError && !query.data) {
    const notFound = isApiError(query.error) && query.error.code === 'NOT_FOUND';
    return (
      <View style={[styles.fill, { backgroundColor: colors.background }]}>
        <StateMessage
          testID="post-error"
          tone="error"
          title={notFound ? 'This post doesn’t exist' : 'Couldn’t load the post'}
          message={notFound ? undefined : errorMessage(query.error)}
          action={
            notFound
              ? undefined
              : { label: 'Try again', accessibilityLabel: 'Try loading the post again', onPress: () => void query.refetch(), testID: 'post-retry' }
          }
        />
      </View>
    );
  }
  return <PostView post={query.data} />;
}

function PostView({ post }: { post: BlogPost }) {
  const { colors } = useTheme();
  const router = useRouter();
  const { session } = useSession();
  const liked = useLikedState(post.id);
  const like = useLikeMutation(post.id);
  const [notice, setNotice] = useState<string | null>(null);

  const onLike = () => {
    if (!session) {
      router.push({ pathname: '/sign-in', params: { reason: 'like' } });
      return;
    }
    setNotice(null);
    like.mutate(!liked, {
      onError: (e) => setNotice(`Couldn’t ${liked ? 'unlike' : 'like'} the post. ${errorMessage(e)}`),
    });
  };

  const onShare = async () => {
    const url = postLink(post.id);
    try {
      await Share.share({ title: post.title, message: `${post.title}\n${url}`, url });
    } catch {
      setNotice('Sharing isn’t available here.');
    }
  };

  return (
    <ScrollView
      testID="post-screen"
      style={{ backgroundColor: colors.background }}
      contentContainerStyle={styles.content}>
      <Stack.Screen options={{ title: post.title }} />
      {post.imageUrl ? (
        <Image
          testID="post-hero"
          source={{ uri: post.imageUrl }}
          style={[styles.hero, { backgroundColor: colors.skeleton }]}
          contentFit="cover"
          transition={200}
          accessibilityLabel={`Illustration for ${post.title}`}
        />
      ) : (
        <View style={[styles.hero, { backgroundColor: colors.surfaceAlt }]} accessibilityElementsHidden />
      )}
      <View style={styles.inner}>
        <Text accessibilityRole="header" testID="post-title" style={[styles.title, { color: colors.text }]}>
          {post.title}
        </Text>
        {post.offline ? <OfflineBadge /> : null}
        <Text style={[styles.meta, { color: colors.textMuted }]}>
          {formatDate(post.publishedAt)} · <Text testID="post-reading-time">{formatReadingTime(post.readingTimeMinutes)}</Text>
        </Text>
        <View style={styles.tags}>
          {post.tags.map((tag) => (
            <TagChip key={tag} tag={tag} onPress={(t) => router.navigate({ pathname: '/', params: { tag: t } })} />
          ))}
        </View>
        <View style={styles.actions}>
          <LikeButton liked={liked} likes={post.likes} onPress={onLike} />
          <Pressable
            testID="share-button"
            accessibilityRole="button"
            accessibilityLabel="Share this post"
            onPress={onShare}
            style={[styles.share, { borderColor: colors.border, backgroundColor: colors.surface }]}>
            <Text style={{ color: colors.text, fontWeight: '600' }}>↗ Share</Text>
          </Pressable>
        </View>
        {notice ? (
          <Text testID="post-notice" accessibilityRole="alert" accessibilityLiveRegion="polite" style={{ color: colors.danger }}>
            {notice}
          </Text>
        ) : null}
        <Markdown value={post.body} />
        <Text testID="post-provenance" style={[styles.footer, { color: colors.textMuted, borderColor: colors.border }]}>
          Made by {post.provider ?? 'an unknown provider'} · text: {post.models.text ?? '—'} · image:{' '}
          {post.models.image ?? '—'} · cost {formatCost(post.costUsd)}
        </Text>
      </View>
    </ScrollView>
  );
}

function PostSkeleton() {
  const { colors } = useTheme();
  const bar = { backgroundColor: colors.skeleton, borderRadius: radius.sm };
  return (
    <View testID="post-skeleton" style={[styles.fill, { backgroundColor: colors.background }]} accessibilityLabel="Loading the post">
      <View style={[styles.hero, { backgroundColor: colors.skeleton }]} />
      <View style={styles.inner}>
        <View style={[bar, { height: 28, width: '85%' }]} />
        <View style={[bar, { height: 14, width: '40%' }]} />
        {[0, 1, 2, 3, 4].map((i) => (
          <View key={i} style={[bar, { height: 14, width: i % 2 ? '90%' : '100%' }]} />
        ))}
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  content: { paddingBottom: spacing.xl * 2 },
  hero: { width: '100%', aspectRatio: 16 / 9 },
  inner: { padding: spacing.lg, gap: spacing.md },
  title: { fontSize: 26, fontWeight: '800', lineHeight: 32 },
  meta: { fontSize: 14 },
  tags: { flexDirection: 'row', flexWrap: 'wrap', gap: spacing.sm },
  actions: { flexDirection: 'row', gap: spacing.md, alignItems: 'center' },
  share: {
    minHeight: 40,
    paddingHorizontal: spacing.md,
    borderRadius: radius.pill,
    borderWidth: 1,
    justifyContent: 'center',
  },
  footer: { fontSize: 12, borderTopWidth: StyleSheet.hairlineWidth, paddingTop: spacing.md, marginTop: spacing.md },
});
