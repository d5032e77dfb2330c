import { FlashList } from '@shopify/flash-list';
import { useRouter } from 'expo-router';
import { useCallback, useMemo, useState } from 'react';
import { ActivityIndicator, Pressable, StyleSheet, Text, View } from 'react-native';

import { errorMessage, isApiError, type FeedItem } from '@/api/types';
import { Button } from '@/components/Button';
import { PostCard, PostCardSkeleton } from '@/components/PostCard';
import { StateMessage } from '@/components/StateMessage';
import { TagChip } from '@/components/TagChip';
import { useFeedQuery, useRefreshFeed } from '@/state/queries/feed';
import { spacing, useTheme } from '@/theme';

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

const SKELETONS: FeedRow[] = [0, 1, 2, 3].map((i) => ({ type: 'skeleton', key: `skeleton-${i}` }));

export function FeedScreen({ tag }: { tag?: string }) {
  const router = useRouter();
  const { colors } = useTheme();
  const query = useFeedQuery(tag);
  const refreshFeed = useRefreshFeed(tag);
  const [isPTR, setIsPTR] = useState(false);

  const items = useMemo(() => {
    // Pages can overlap if posts were published between requests; show each post once.
    const seen = new Set<string>();
    return (query.data?.pages ?? [])
      .flatMap((page) => page.items)
      .filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
  }, [query.data]);

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
      await refreshFeed();
    } finally {
      setIsPTR(false);
    }
  }, [refreshFeed]);

  const onEndReached = useCallback(() => {
    if (query.hasNextPage && !query.isFetching && !query.isError) void query.fetchNextPage();
  }, [query]);

  const openPost = useCallback((id: string) => router.push(`/post/${encodeURIComponent(id)}`), [router]);
  const selectTag = useCallback((t: string | undefined) => router.setParams({ tag: t }), [router]);

  const renderItem = useCallback(
    ({ item: row }: { item: FeedRow }) => {
      switch (row.type) {
        case 'post':
          return <PostCard item={row.item} onPress={openPost} onTagPress={selectTag} activeTag={tag} />;
        case 'skeleton':
          return <PostCardSkeleton />;
        case 'offline-banner':
          return (
            <Pressable
              testID="feed-offline-banner"
              accessibilityRole="button"
              accessibilityLabel="Showing saved posts. Tap to try loading the feed again."
              onPress={() => void query.refetch()}
              style={[styles.banner, { backgroundColor: colors.warningSurface }]}>
              <Text style={{ color: colors.warning, fontWeight: '600' }}>
                Showing saved posts — {row.message} Tap to retry.
              </Text>
            </Pressable>
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
              message="Try another tag, or show every post."
              action={{ label: 'Show all posts', onPress: () => selectTag(undefined), testID: 'feed-clear-tag' }}
            />
          ) : (
            <StateMessage
              testID="feed-empty"
              title="No posts yet"
              message="Generated posts appear here once they are published."
              action={{ label: 'Create a post', onPress: () => router.push('/create'), testID: 'feed-create' }}
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
              <Text style={{ color: colors.danger, marginBottom: spacing.sm }}>{row.message}</Text>
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
            <Text testID="feed-end" style={[styles.end, { color: colors.textMuted }]}>
              You’re all caught up.
            </Text>
          );
      }
    },
    [colors, onRefresh, openPost, query, router, selectTag, tag],
  );

  const knownTags = useMemo(
    () => [...new Set(items.flatMap((item) => item.tags))].slice(0, 12),
    [items],
  );

  const header = (
    <View style={styles.header}>
      {tag ? (
        <View style={styles.filterRow}>
          <Text style={[styles.filterText, { color: colors.text }]} accessibilityRole="header">
            Posts tagged #{tag}
          </Text>
          <TagChip
            tag={`${tag} ✕`}
            selected
            accessibilityLabel={`Clear the ${tag} filter`}
            onPress={() => selectTag(undefined)}
            testID="feed-clear-filter"
          />
        </View>
      ) : knownTags.length > 0 ? (
        <View style={styles.tagRow} accessibilityLabel="Filter by tag">
          {knownTags.map((t) => (
            <TagChip key={t} tag={t} onPress={selectTag} testID={`feed-tag-${t}`} />
          ))}
        </View>
      ) : null}
      <Pressable
        testID="feed-refresh"
        accessibilityRole="button"
        accessibilityLabel="Refresh the feed"
        onPress={onRefresh}
        hitSlop={8}
        style={styles.refresh}>
        <Text style={{ color: colors.primary, fontWeight: '600' }}>{isPTR ? 'Refreshing…' : '↻ Refresh'}</Text>
      </Pressable>
    </View>
  );

  return (
    <View style={[styles.container, { backgroundColor: colors.background }]}>
      <FlashList
        testID="feed-list"
        data={rows}
        renderItem={renderItem}
        keyExtractor={(row) => row.key}
        getItemType={(row) => row.type}
        ListHeaderComponent={header}
        onEndReached={onEndReached}
        onEndReachedThreshold={0.5}
        refreshing={isPTR}
        onRefresh={onRefresh}
        accessibilityLabel="Posts"
      />
    </View>
  );
}

const styles = StyleSheet.create({
  container: { flex: 1 },
  header: { paddingHorizontal: spacing.lg, paddingTop: spacing.md, paddingBottom: spacing.md, gap: spacing.sm },
  filterRow: { flexDirection: 'row', alignItems: 'center', gap: spacing.sm, flexWrap: 'wrap' },
  filterText: { fontSize: 16, fontWeight: '700' },
  tagRow: { flexDirection: 'row', flexWrap: 'wrap', gap: spacing.sm },
  refresh: { alignSelf: 'flex-end', paddingVertical: spacing.xs },
  banner: { marginHorizontal: spacing.lg, marginBottom: spacing.md, padding: spacing.md, borderRadius: 10 },
  footer: { padding: spacing.xl, alignItems: 'center' },
  end: { textAlign: 'center', padding: spacing.xl },
});
