import { FlashList } from '@shopify/flash-list';
import { useRouter } from 'expo-router';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ActivityIndicator, Platform, StyleSheet, Text, View } from 'react-native';

import { errorMessage, isApiError, type ReviewItem } from '@/api/types';
import { Button } from '@/components/Button';
import { Icon } from '@/components/Icon';
import { IconButton } from '@/components/IconButton';
import { ReviewCard, ReviewCardSkeleton } from '@/components/ReviewCard';
import { StateMessage } from '@/components/StateMessage';
import { isTouchDevice, PULL_THRESHOLD, usePullToRefresh } from '@/lib/pull-to-refresh';
import { useMeQuery } from '@/state/queries/me';
import { useRefreshReviews, useReviewsQuery } from '@/state/queries/reviews';
import { useSession } from '@/state/session';
import { READING_WIDTH, spacing, useTheme } from '@/theme';

/** The queue's rows: one tagged union, rendered by one switch. */
type ReviewRow =
  | { type: 'header'; key: string; count: number; more: boolean }
  | { type: 'draft'; key: string; item: ReviewItem }
  | { type: 'skeleton'; key: string }
  | { type: 'error'; key: string; message: string }
  | { type: 'refresh-error'; key: string; message: string }
  | { type: 'empty'; key: string }
  | { type: 'loading-more'; key: string }
  | { type: 'load-more-error'; key: string; message: string }
  | { type: 'end'; key: string };

const SKELETONS: ReviewRow[] = [0, 1, 2, 3].map((i) => ({ type: 'skeleton', key: `skeleton-${i}` }));

/**
 * The editor's review queue (`GET /reviews`): drafts awaiting a decision, the one that has waited
 * longest first. Pull to refresh (a button in a desktop browser), more as the list scrolls.
 */
export function ReviewQueueScreen({ touch = isTouchDevice() }: { touch?: boolean }) {
  const { colors } = useTheme();
  const router = useRouter();
  const { session } = useSession();
  const me = useMeQuery();
  const editor = !!session && me.data?.editor === true;
  const query = useReviewsQuery({ enabled: editor });
  const refresh = useRefreshReviews();
  const [refreshing, setRefreshing] = useState(false);
  const offset = useRef(0);

  const items = useMemo(() => {
    const seen = new Set<string>();
    return (query.data?.pages ?? [])
      .flatMap((page) => page.items)
      .filter((item) => (seen.has(item.requestId) ? false : (seen.add(item.requestId), true)));
  }, [query.data]);

  const rows = useMemo<ReviewRow[]>(() => {
    if (query.isPending) return SKELETONS;
    if (query.isError && !query.data)
      return [{ type: 'error', key: 'error', message: errorMessage(query.error) }];
    const out: ReviewRow[] = [];
    if (query.isRefetchError && !query.isFetchNextPageError) {
      out.push({ type: 'refresh-error', key: 'refresh-error', message: errorMessage(query.error) });
    }
    if (items.length === 0) {
      out.push({ type: 'empty', key: 'empty' });
      return out;
    }
    out.push({ type: 'header', key: 'header', count: items.length, more: !!query.hasNextPage });
    for (const item of items) out.push({ type: 'draft', key: item.requestId, item });
    if (query.isFetchingNextPage) out.push({ type: 'loading-more', key: 'loading-more' });
    else if (query.isFetchNextPageError) {
      out.push({ type: 'load-more-error', key: 'load-more-error', message: errorMessage(query.error) });
    } else if (!query.hasNextPage) out.push({ type: 'end', key: 'end' });
    return out;
  }, [query, items]);

  const onRefresh = useCallback(async () => {
    setRefreshing(true);
    try {
      await refresh();
    } finally {
      setRefreshing(false);
    }
  }, [refresh]);

  const webPull = usePullToRefresh(
    Platform.OS === 'web' && touch,
    useCallback(() => offset.current <= 0, []),
    useCallback(() => void onRefresh(), [onRefresh]),
  );

  const open = useCallback((id: string) => router.push(`/review/${encodeURIComponent(id)}`), [router]);

  const renderItem = useCallback(
    ({ item: row }: { item: ReviewRow }) => {
      switch (row.type) {
        case 'header':
          return (
            <View style={[styles.column, styles.header]}>
              <Text testID="review-count" style={[styles.headerText, { color: colors.textMuted }]}>
                {row.count === 1 && !row.more
                  ? '1 draft waiting, oldest first'
                  : `${row.count}${row.more ? '+' : ''} drafts waiting, oldest first`}
              </Text>
            </View>
          );
        case 'draft':
          return (
            <View style={styles.column}>
              <ReviewCard item={row.item} onPress={open} />
            </View>
          );
        case 'skeleton':
          return (
            <View style={styles.column}>
              <ReviewCardSkeleton />
            </View>
          );
        case 'error':
          return (
            <StateMessage
              testID="review-error"
              tone="error"
              title="Couldn’t load the drafts"
              message={row.message}
              action={{
                label: 'Try again',
                accessibilityLabel: 'Try again to load the drafts',
                onPress: () => void query.refetch(),
                testID: 'review-retry',
              }}
            />
          );
        case 'refresh-error':
          return (
            <View
              testID="review-refresh-error"
              role="alert"
              style={[styles.column, styles.banner, { backgroundColor: colors.warningSurface }]}>
              <Icon name="cloud-offline-outline" size={18} color={colors.warning} />
              <Text style={{ color: colors.warning, flex: 1 }}>
                Couldn’t refresh the drafts. {row.message}
              </Text>
            </View>
          );
        case 'empty':
          return (
            <StateMessage
              testID="review-empty"
              icon="checkmark-done-outline"
              title="Nothing to review"
              message="Drafts waiting for an editor show up here, the one that has waited longest first."
              action={{
                label: 'Check again',
                accessibilityLabel: 'Check again for new drafts',
                onPress: () => void onRefresh(),
                testID: 'review-check-again',
              }}
            />
          );
        case 'loading-more':
          return (
            <View style={styles.footer}>
              <ActivityIndicator color={colors.primary} accessibilityLabel="Loading more drafts" />
            </View>
          );
        case 'load-more-error':
          return (
            <View style={styles.footer} role="alert">
              <Text style={{ color: colors.danger, textAlign: 'center' }}>
                Couldn’t load more drafts. {row.message}
              </Text>
              <Button
                testID="review-load-more-retry"
                label="Try again"
                accessibilityLabel="Try again to load more drafts"
                variant="secondary"
                onPress={() => void query.fetchNextPage()}
              />
            </View>
          );
        case 'end':
          return (
            <View style={styles.footer}>
              <Text testID="review-end" style={{ color: colors.textMuted }}>
                That’s every draft waiting.
              </Text>
            </View>
          );
      }
    },
    [colors, open, query, onRefresh],
  );

  const gate = () => {
    if (!session) {
      return (
        <StateMessage
          testID="review-signed-out"
          icon="person-circle-outline"
          title="Sign in to review drafts"
          message="Editors read, edit and approve drafts here before they’re published."
          action={{ label: 'Sign in', onPress: () => router.push('/sign-in'), testID: 'review-sign-in' }}
        />
      );
    }
    if (me.isPending) {
      return (
        <ActivityIndicator
          style={{ marginTop: spacing.xl }}
          color={colors.primary}
          accessibilityLabel="Loading"
        />
      );
    }
    if (me.isError && !me.data) {
      return (
        <StateMessage
          testID="review-me-error"
          tone="error"
          title="Couldn’t check your account"
          message={errorMessage(me.error)}
          action={{ label: 'Try again', onPress: () => void me.refetch(), testID: 'review-me-retry' }}
        />
      );
    }
    if (!editor || (isApiError(query.error) && query.error.code === 'FORBIDDEN')) {
      return (
        <StateMessage
          testID="review-not-editor"
          icon="lock-closed-outline"
          title="Only editors review drafts"
          message="Your account isn’t an editor’s. Posts you ask for are in My posts."
          action={{
            label: 'Go to My posts',
            onPress: () => router.navigate('/mine'),
            testID: 'review-go-mine',
          }}
        />
      );
    }
    return null;
  };
  const blocked = gate();

  return (
    <View testID="review-screen" role="main" style={[styles.fill, { backgroundColor: colors.background }]}>
      {blocked ?? (
        <>
          {touch ? null : (
            <View style={[styles.column, styles.toolbar]}>
              <IconButton
                testID="review-refresh"
                icon="refresh"
                label={refreshing ? 'Refreshing the drafts' : 'Refresh the drafts'}
                onPress={() => void onRefresh()}
                color={colors.textMuted}
              />
            </View>
          )}
          <View style={styles.fill} {...webPull.handlers}>
            {webPull.distance > 0 || (Platform.OS === 'web' && refreshing) ? (
              <View
                testID="review-pull-indicator"
                pointerEvents="none"
                style={[
                  styles.pull,
                  { transform: [{ translateY: refreshing ? 12 : webPull.distance / 2 }] },
                ]}>
                <View
                  style={[
                    styles.pullBubble,
                    { backgroundColor: colors.surface, borderColor: colors.border },
                  ]}>
                  {refreshing ? (
                    <ActivityIndicator color={colors.primary} accessibilityLabel="Refreshing the drafts" />
                  ) : (
                    <View
                      style={{
                        transform: [{ rotate: webPull.distance >= PULL_THRESHOLD ? '180deg' : '0deg' }],
                      }}>
                      <Icon name="arrow-down" size={20} color={colors.primary} />
                    </View>
                  )}
                </View>
              </View>
            ) : null}
            <FlashList
              testID="review-list"
              data={rows}
              renderItem={renderItem}
              keyExtractor={(row) => row.key}
              getItemType={(row) => row.type}
              onEndReached={() => {
                if (query.hasNextPage && !query.isFetching && !query.isError) void query.fetchNextPage();
              }}
              onEndReachedThreshold={0.5}
              onScroll={(e) => {
                offset.current = e.nativeEvent.contentOffset.y;
              }}
              scrollEventThrottle={32}
              refreshing={Platform.OS === 'web' ? false : refreshing}
              onRefresh={Platform.OS === 'web' ? undefined : onRefresh}
              accessibilityLabel="Drafts awaiting review"
            />
          </View>
        </>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  column: { width: '100%', maxWidth: READING_WIDTH, alignSelf: 'center' },
  toolbar: { flexDirection: 'row', justifyContent: 'flex-end', paddingHorizontal: spacing.sm },
  header: { paddingHorizontal: spacing.lg, paddingTop: spacing.md, paddingBottom: spacing.xs },
  headerText: { fontSize: 14 },
  banner: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.sm,
    marginTop: spacing.md,
    padding: spacing.md,
    borderRadius: 10,
  },
  footer: { padding: spacing.xl, alignItems: 'center', gap: spacing.sm },
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
