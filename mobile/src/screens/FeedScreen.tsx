import { FlashList } from '@shopify/flash-list';
import { useRouter } from 'expo-router';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ActivityIndicator, Platform, Pressable, StyleSheet, Text, View } from 'react-native';

import { errorMessage, isApiError, type FeedItem } from '@/api/types';
import { Button } from '@/components/Button';
import { Icon } from '@/components/Icon';
import { IconButton } from '@/components/IconButton';
import { PostCard, PostCardSkeleton } from '@/components/PostCard';
import { StateMessage } from '@/components/StateMessage';
import { popularTags, TagStrip } from '@/components/TagStrip';
import { isTouchDevice, PULL_THRESHOLD, usePullToRefresh } from '@/lib/pull-to-refresh';
import { useFeedQuery, useRefreshFeed } from '@/state/queries/feed';
import { useSaved } from '@/state/saved';
import { READING_WIDTH, spacing, useTheme } from '@/theme';

/** The feed is a list of rows of different kinds, rendered by one switch. */
export type FeedRow =
  | { type: 'post'; key: string; item: FeedItem }
  | { type: 'skeleton'; key: string }
  | { type: 'offline-banner'; key: string; message: string }
  | { type: 'error'; key: string; message: string }
  | { type: 'empty'; key: string }
  | { type: 'loading-more'; key: string }
  /** `restart`: the cursor is no longer valid (e.g. a restored cache), so start from the top. */
  | { type: 'load-more-error'; key: string; message: string; restart: boolean }
  | { type: 'end'; key: string };

const SKELETONS: FeedRow[] = [0, 1, 2, 3, 4].map((i) => ({ type: 'skeleton', key: `skeleton-${i}` }));

export function FeedScreen({ tag, touch = isTouchDevice() }: { tag?: string; touch?: boolean }) {
  const router = useRouter();
  const { colors } = useTheme();
  const query = useFeedQuery(tag);
  // The strip's tags come from the whole feed's first page, whichever tag is selected.
  const allPosts = useFeedQuery(undefined);
  const refreshFeed = useRefreshFeed(tag);
  const saved = useSaved();
  const [isPTR, setIsPTR] = useState(false);
  const offset = useRef(0);

  const items = useMemo(() => {
    // Pages can overlap if posts were published between requests; show each post once.
    const seen = new Set<string>();
    return (query.data?.pages ?? [])
      .flatMap((page) => page.items)
      .filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
  }, [query.data]);

  const tags = useMemo(() => popularTags(allPosts.data?.pages[0]?.items ?? []), [allPosts.data]);

  const rows = useMemo<FeedRow[]>(() => {
    if (query.isPending) return SKELETONS;
    if (query.isError && !query.data) {
      return [{ type: 'error', key: 'error', message: errorMessage(query.error) }];
    }
    const out: FeedRow[] = [];
    if (query.isRefetchError) {
      out.push({ type: 'offline-banner', key: 'offline', message: errorMessage(query.error) });
    }
    if (items.length === 0) {
      out.push({ type: 'empty', key: 'empty' });
      return out;
    }
    for (const item of items) out.push({ type: 'post', key: item.id, item });
    if (query.isFetchingNextPage) out.push({ type: 'loading-more', key: 'loading-more' });
    else if (query.isFetchNextPageError) {
      out.push({
        type: 'load-more-error',
        key: 'load-more-error',
        message: errorMessage(query.error),
        restart: isApiError(query.error) && query.error.code === 'INVALID_CURSOR',
      });
    } else if (!query.hasNextPage) out.push({ type: 'end', key: 'end' });
    return out;
  }, [query, items]);

  const onRefresh = useCallback(async () => {
    setIsPTR(true);
    try {
      await Promise.all([refreshFeed(), tag ? allPosts.refetch() : null]);
    } finally {
      setIsPTR(false);
    }
  }, [refreshFeed, allPosts, tag]);

  // Image URLs expire; when one fails, fetch the first page again (at most once a minute).
  const lastImageRefresh = useRef(0);
  const onImageFailed = useCallback(() => {
    if (Date.now() - lastImageRefresh.current < 60_000) return;
    lastImageRefresh.current = Date.now();
    void query.refetch();
  }, [query]);

  const webPull = usePullToRefresh(
    Platform.OS === 'web' && touch,
    useCallback(() => offset.current <= 0, []),
    useCallback(() => void onRefresh(), [onRefresh]),
  );

  const onEndReached = useCallback(() => {
    if (query.hasNextPage && !query.isFetching && !query.isError) void query.fetchNextPage();
  }, [query]);

  const openPost = useCallback((id: string) => router.push(`/post/${encodeURIComponent(id)}`), [router]);
  const selectTag = useCallback((t: string | undefined) => router.setParams({ tag: t }), [router]);
  const toggleSave = saved.toggle;

  const renderItem = useCallback(
    ({ item: row }: { item: FeedRow }) => {
      switch (row.type) {
        case 'post':
          return (
            <View style={styles.column}>
              <PostCard
                item={row.item}
                onPress={openPost}
                saved={saved.isSaved(row.item.id)}
                onToggleSave={toggleSave}
                onImageFailed={onImageFailed}
              />
            </View>
          );
        case 'skeleton':
          return (
            <View style={styles.column}>
              <PostCardSkeleton />
            </View>
          );
        case 'offline-banner':
          return (
            <View style={[styles.column, { paddingHorizontal: spacing.lg }]}>
              <Pressable
                testID="feed-offline-banner"
                role="button"
                accessibilityRole="button"
                accessibilityLabel="You’re offline: showing saved posts. Tap to try again."
                onPress={() => void query.refetch()}
                style={[styles.banner, { backgroundColor: colors.warningSurface }]}>
                <Icon name="cloud-offline-outline" size={18} color={colors.warning} />
                <Text style={{ color: colors.warning, fontWeight: '600', flex: 1 }}>
                  Showing saved posts. {row.message} Tap to try again.
                </Text>
              </Pressable>
            </View>
          );
        case 'error':
          return (
            <StateMessage
              testID="feed-error"
              tone="error"
              title="Couldn’t load the feed"
              message={row.message}
              action={{
                label: 'Try again',
                accessibilityLabel: 'Try loading the feed again',
                onPress: () => void query.refetch(),
                testID: 'feed-retry',
              }}
            />
          );
        case 'empty':
          return tag ? (
            <StateMessage
              testID="feed-empty"
              title={`No posts tagged #${tag}`}
              message="Try another topic, or see every post."
              action={{
                label: 'Show all posts',
                onPress: () => selectTag(undefined),
                testID: 'feed-clear-tag',
              }}
            />
          ) : (
            <StateMessage
              testID="feed-empty"
              title="No posts yet"
              message="New posts appear here as soon as they are published."
              action={{
                label: 'Write the first one',
                onPress: () => router.push('/create'),
                testID: 'feed-create',
              }}
            />
          );
        case 'loading-more':
          return (
            <View style={styles.footer} testID="feed-loading-more">
              <ActivityIndicator accessibilityLabel="Loading more posts" color={colors.primary} />
            </View>
          );
        case 'load-more-error':
          return (
            <View style={styles.footer} testID="feed-load-more-error">
              <Text style={{ color: colors.danger, marginBottom: spacing.sm, textAlign: 'center' }}>
                {row.message}
              </Text>
              {row.restart ? (
                <Button
                  label="Reload the feed"
                  variant="secondary"
                  onPress={() => void onRefresh()}
                  testID="feed-load-more-restart"
                />
              ) : (
                <Button
                  label="Load more"
                  accessibilityLabel="Try loading more posts again"
                  variant="secondary"
                  onPress={() => void query.fetchNextPage()}
                  testID="feed-load-more-retry"
                />
              )}
            </View>
          );
        case 'end':
          return (
            <View style={styles.footer}>
              <Icon name="checkmark-circle-outline" size={22} color={colors.textMuted} />
              <Text testID="feed-end" style={[styles.end, { color: colors.textMuted }]}>
                You’re all caught up.
              </Text>
            </View>
          );
      }
    },
    [colors, onRefresh, openPost, query, router, selectTag, tag, saved, toggleSave, onImageFailed],
  );

  return (
    <View role="main" style={[styles.container, { backgroundColor: colors.background }]}>
      <TagStrip
        tags={tags}
        selected={tag}
        onSelect={selectTag}
        trailing={
          touch ? null : (
            <IconButton
              testID="feed-refresh"
              icon="refresh"
              label={isPTR ? 'Refreshing the feed' : 'Refresh the feed'}
              onPress={() => void onRefresh()}
              color={colors.textMuted}
              style={{ marginRight: spacing.sm }}
            />
          )
        }
      />
      <View style={styles.container} {...webPull.handlers}>
        {webPull.distance > 0 || (Platform.OS === 'web' && isPTR) ? (
          <View
            testID="feed-pull-indicator"
            pointerEvents="none"
            style={[styles.pull, { transform: [{ translateY: isPTR ? 12 : webPull.distance / 2 }] }]}>
            <View
              style={[styles.pullBubble, { backgroundColor: colors.surface, borderColor: colors.border }]}>
              {isPTR ? (
                <ActivityIndicator color={colors.primary} accessibilityLabel="Refreshing the feed" />
              ) : (
                <View
                  style={{ transform: [{ rotate: webPull.distance >= PULL_THRESHOLD ? '180deg' : '0deg' }] }}>
                  <Icon name="arrow-down" size={20} color={colors.primary} />
                </View>
              )}
            </View>
          </View>
        ) : null}
        <FlashList
          testID="feed-list"
          data={rows}
          renderItem={renderItem}
          keyExtractor={(row) => row.key}
          getItemType={(row) => row.type}
          onEndReached={onEndReached}
          onEndReachedThreshold={0.5}
          onScroll={(e) => {
            offset.current = e.nativeEvent.contentOffset.y;
          }}
          scrollEventThrottle={32}
          refreshing={Platform.OS === 'web' ? false : isPTR}
          onRefresh={Platform.OS === 'web' ? undefined : onRefresh}
          accessibilityLabel="Posts"
        />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  container: { flex: 1 },
  column: { width: '100%', maxWidth: READING_WIDTH, alignSelf: 'center' },
  banner: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.sm,
    marginTop: spacing.md,
    padding: spacing.md,
    borderRadius: 10,
  },
  footer: { padding: spacing.xl, alignItems: 'center', gap: spacing.sm },
  end: { textAlign: 'center' },
  pull: { position: 'absolute', top: 0, left: 0, right: 0, alignItems: 'center', zIndex: 10 },
  pullBubble: {
    width: 40,
    height: 40,
    borderRadius: 20,
    borderWidth: StyleSheet.hairlineWidth,
    alignItems: 'center',
    justifyContent: 'center',
  },
});
