import { FlashList } from '@shopify/flash-list';
import { useRouter } from 'expo-router';
import { useCallback, useMemo, useState } from 'react';
import { ActivityIndicator, Platform, Pressable, StyleSheet, Text, View } from 'react-native';

import { errorMessage, type BlogRequest, type RequestState } from '@/api/types';
import { Button } from '@/components/Button';
import { Icon, type IconName } from '@/components/Icon';
import { StateMessage } from '@/components/StateMessage';
import { formatRelative } from '@/lib/format';
import { describeRequest, STATUS_LABELS } from '@/lib/request-status';
import { useMyRequestsQuery } from '@/state/queries/my-requests';
import { useSession } from '@/state/session';
import { READING_WIDTH, spacing, TOUCH, useTheme, type Colors } from '@/theme';

const ICONS: Record<RequestState, IconName> = {
  QUEUED: 'time-outline',
  RUNNING: 'create-outline',
  AWAITING_REVIEW: 'eye-outline',
  PUBLISHED: 'checkmark-circle',
  REJECTED: 'close-circle',
  FAILED: 'alert-circle',
};

function tint(status: RequestState, colors: Colors): string {
  return status === 'PUBLISHED'
    ? colors.success
    : status === 'REJECTED' || status === 'FAILED'
      ? colors.danger
      : colors.primary;
}

/** A request in the list: its topic, and where it stands in words. */
function RequestRow({ request, onPress }: { request: BlogRequest; onPress: (r: BlogRequest) => void }) {
  const { colors } = useTheme();
  const status = STATUS_LABELS[request.status];
  const detail = describeRequest(request);
  return (
    <Pressable
      testID={`my-request-${request.requestId}`}
      role="link"
      accessibilityRole="link"
      onPress={() => onPress(request)}
      style={({ pressed }) => [
        styles.row,
        { borderColor: colors.border },
        pressed ? { backgroundColor: colors.surfaceAlt } : null,
      ]}>
      <View style={styles.icon}>
        {request.status === 'RUNNING' || request.status === 'QUEUED' ? (
          <ActivityIndicator color={colors.primary} accessibilityLabel={STATUS_LABELS[request.status]} />
        ) : (
          <Icon name={ICONS[request.status]} size={24} color={tint(request.status, colors)} />
        )}
      </View>
      <View style={{ flex: 1, gap: 2 }}>
        <Text style={[styles.topic, { color: colors.text }]} numberOfLines={2}>
          {request.topic}
        </Text>
        <Text
          testID={`my-request-status-${request.requestId}`}
          style={[styles.status, { color: tint(request.status, colors) }]}>
          {status}
        </Text>
        <Text style={[styles.detail, { color: colors.textMuted }]}>
          {detail} · {formatRelative(request.createdAt)}
        </Text>
      </View>
      <Icon name="chevron-forward" size={18} color={colors.textMuted} />
    </Pressable>
  );
}

/** The reader's own posts, made or in the making (`GET /requests`), kept up to date while any is running. */
export function MyPostsScreen() {
  const { colors } = useTheme();
  const router = useRouter();
  const { session } = useSession();
  const query = useMyRequestsQuery({ enabled: !!session });
  const [refreshing, setRefreshing] = useState(false);
  const requests = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);

  const open = useCallback(
    (r: BlogRequest) =>
      router.push(
        r.status === 'PUBLISHED' && r.postId
          ? `/post/${encodeURIComponent(r.postId)}`
          : `/request/${encodeURIComponent(r.requestId)}`,
      ),
    [router],
  );
  const onRefresh = useCallback(async () => {
    setRefreshing(true);
    try {
      await query.refetch();
    } finally {
      setRefreshing(false);
    }
  }, [query]);

  const body = () => {
    if (!session) {
      return (
        <StateMessage
          testID="mine-signed-out"
          icon="person-circle-outline"
          title="Sign in to see your posts"
          message="Posts you ask for are listed here while they are written, and once they are published."
          action={{ label: 'Sign in', onPress: () => router.push('/sign-in'), testID: 'mine-sign-in' }}
        />
      );
    }
    if (query.isPending) {
      return (
        <ActivityIndicator
          style={{ marginTop: spacing.xl }}
          color={colors.primary}
          accessibilityLabel="Loading your posts"
        />
      );
    }
    if (query.isError && !query.data) {
      return (
        <StateMessage
          testID="mine-error"
          tone="error"
          title="Couldn’t load your posts"
          message={errorMessage(query.error)}
          action={{ label: 'Try again', onPress: () => void query.refetch(), testID: 'mine-retry' }}
        />
      );
    }
    if (requests.length === 0) {
      return (
        <StateMessage
          testID="mine-empty"
          icon="create-outline"
          title="You haven’t asked for a post yet"
          message="Pick a topic and AI Blog writes and illustrates a post about it."
          action={{ label: 'Write a post', onPress: () => router.navigate('/create'), testID: 'mine-create' }}
        />
      );
    }
    return (
      <FlashList
        testID="mine-list"
        data={requests}
        keyExtractor={(r) => r.requestId}
        accessibilityLabel="Your posts"
        renderItem={({ item }) => (
          <View style={styles.column}>
            <RequestRow request={item} onPress={open} />
          </View>
        )}
        onEndReached={() => query.hasNextPage && !query.isFetchingNextPage && void query.fetchNextPage()}
        ListHeaderComponent={
          <View style={[styles.column, styles.header]}>
            <Button
              label="Write a new post"
              icon="add"
              variant="secondary"
              onPress={() => router.navigate('/create')}
              testID="mine-new"
            />
          </View>
        }
        refreshing={Platform.OS === 'web' ? false : refreshing}
        onRefresh={Platform.OS === 'web' ? undefined : onRefresh}
      />
    );
  };

  return (
    <View testID="mine-screen" role="main" style={[styles.fill, { backgroundColor: colors.background }]}>
      {body()}
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  column: { width: '100%', maxWidth: READING_WIDTH, alignSelf: 'center' },
  header: { padding: spacing.lg, paddingBottom: spacing.sm },
  row: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.md,
    paddingHorizontal: spacing.lg,
    paddingVertical: spacing.md,
    minHeight: TOUCH + spacing.md,
    borderBottomWidth: StyleSheet.hairlineWidth,
  },
  icon: { width: 28, alignItems: 'center' },
  topic: { fontSize: 16, fontWeight: '600', lineHeight: 21 },
  status: { fontSize: 14, fontWeight: '600' },
  detail: { fontSize: 13 },
});
