import { useRouter } from 'expo-router';
import { useEffect } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import { errorMessage, isTerminal, type BlogRequest, type RequestState } from '@/api/types';
import { Button } from '@/components/Button';
import { RequestProgress } from '@/components/RequestProgress';
import { StateMessage } from '@/components/StateMessage';
import { formatRelativeLong } from '@/lib/format';
import { goToTab } from '@/lib/navigation';
import { rejectedByEditor, STATUS_LABELS } from '@/lib/request-status';
import { useRequestQuery } from '@/state/queries/request';
import { READING_WIDTH, radius, spacing, useTheme, type Colors } from '@/theme';

const HEADLINES: Record<RequestState, string> = {
  QUEUED: 'Your post is next in line',
  RUNNING: 'Your post is being written',
  AWAITING_REVIEW: 'Your post is waiting for an editor',
  PUBLISHED: 'Your post is published',
  REJECTED: 'Your post wasn’t published',
  FAILED: 'Your post couldn’t be made',
};

function statusColor(state: RequestState, colors: Colors): string {
  switch (state) {
    case 'PUBLISHED':
      return colors.success;
    case 'REJECTED':
    case 'FAILED':
      return colors.danger;
    default:
      return colors.primary;
  }
}

/** A generation request's progress; opens the post when it is published. */
export function RequestScreen({ id }: { id: string }) {
  const { colors } = useTheme();
  const router = useRouter();
  const query = useRequestQuery(id);
  const request = query.data;

  const postId = request?.status === 'PUBLISHED' ? request.postId : null;
  useEffect(() => {
    if (postId) router.replace(`/post/${encodeURIComponent(postId)}`);
  }, [postId, router]);

  if (query.isPending) {
    return (
      <View style={[styles.fill, { backgroundColor: colors.background }]}>
        <StateMessage testID="request-loading" title="Loading…" />
      </View>
    );
  }
  if (!request) {
    return (
      <View style={[styles.fill, { backgroundColor: colors.background }]}>
        <StateMessage
          testID="request-error"
          tone="error"
          title="Couldn’t load your post’s progress"
          message={errorMessage(query.error)}
          action={{
            label: 'Try again',
            accessibilityLabel: 'Try loading it again',
            onPress: () => void query.refetch(),
            testID: 'request-retry',
          }}
        />
      </View>
    );
  }

  return (
    <ScrollView
      testID="request-screen"
      role="main"
      style={{ backgroundColor: colors.background }}
      contentContainerStyle={styles.content}>
      <Text style={[styles.topicLabel, { color: colors.textMuted }]}>Topic</Text>
      <Text testID="request-topic" style={[styles.topic, { color: colors.text }]}>
        {request.topic}
      </Text>
      <View
        style={styles.statusRow}
        accessible
        role="status"
        accessibilityLiveRegion="polite"
        accessibilityLabel={`${STATUS_LABELS[request.status]}. ${HEADLINES[request.status]}`}>
        <Text
          testID="request-status"
          style={[
            styles.pill,
            { color: colors.onPrimary, backgroundColor: statusColor(request.status, colors) },
          ]}>
          {STATUS_LABELS[request.status]}
        </Text>
        <Text testID="request-headline" style={[styles.headline, { color: colors.text }]}>
          {HEADLINES[request.status]}
        </Text>
      </View>
      <RequestProgress request={request} />
      <Outcome
        request={request}
        onOpenPost={(pid) => router.replace(`/post/${encodeURIComponent(pid)}`)}
        onTryAgain={() => goToTab(router, { pathname: '/create', params: { topic: request.topic } })}
      />
      {query.isRefetchError ? (
        <Text testID="request-poll-error" style={{ color: colors.warning }}>
          Lost contact with AI Blog; still trying. {errorMessage(query.error)}
        </Text>
      ) : null}
      {request.status === 'AWAITING_REVIEW' ? (
        <Text testID="request-review-note" style={{ color: colors.textMuted, lineHeight: 20 }}>
          It’s written. An editor reads every post before it’s published, and may polish it. You can leave
          this screen: we’ll let you know when it’s out, and it stays in My posts.
        </Text>
      ) : !isTerminal(request.status) ? (
        <Text style={{ color: colors.textMuted, lineHeight: 20 }}>
          This takes a minute or two. You can leave this screen: we’ll let you know when it’s ready, and it
          stays in My posts.
        </Text>
      ) : null}
      <Text style={{ color: colors.textMuted, fontSize: 13 }}>
        Started {formatRelativeLong(request.createdAt)}
      </Text>
      <Button
        testID="request-my-posts"
        label="See all my posts"
        variant="ghost"
        onPress={() => goToTab(router, '/mine')}
      />
    </ScrollView>
  );
}

function Outcome({
  request: req,
  onOpenPost,
  onTryAgain,
}: {
  request: BlogRequest;
  onOpenPost: (postId: string) => void;
  onTryAgain: () => void;
}) {
  const { colors } = useTheme();
  if (req.status === 'PUBLISHED') {
    return req.postId ? (
      <Button testID="request-open-post" label="Open the post" onPress={() => onOpenPost(req.postId!)} />
    ) : null;
  }
  if (req.status !== 'REJECTED' && req.status !== 'FAILED') return null;
  return (
    <View
      testID="request-outcome"
      accessibilityRole="alert"
      style={[styles.outcome, { backgroundColor: colors.dangerSurface }]}>
      <Text testID="request-reason" style={{ color: colors.danger, fontWeight: '600' }}>
        {rejectedByEditor(req)
          ? 'An editor decided not to publish it.'
          : req.status === 'REJECTED'
            ? 'The topic or the text didn’t pass the content check.'
            : 'Something went wrong while making it. Trying again usually works.'}
      </Text>
      {req.reason && req.status === 'REJECTED' ? (
        <Text testID="request-reason-detail" style={{ color: colors.text }}>
          {req.reason}
        </Text>
      ) : null}
      {req.categories.length > 0 ? (
        <Text testID="request-categories" style={{ color: colors.text }}>
          Flagged for: {req.categories.join(', ')}
        </Text>
      ) : null}
      <Button
        testID="request-try-again"
        label={req.status === 'REJECTED' ? 'Edit the topic' : 'Try again'}
        variant="secondary"
        onPress={onTryAgain}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  content: {
    padding: spacing.lg,
    gap: spacing.lg,
    width: '100%',
    maxWidth: READING_WIDTH,
    alignSelf: 'center',
  },
  topicLabel: { fontSize: 13, textTransform: 'uppercase', letterSpacing: 0.5 },
  topic: { fontSize: 20, fontWeight: '700', marginTop: -spacing.md },
  statusRow: { flexDirection: 'row', alignItems: 'center', gap: spacing.md },
  pill: {
    paddingHorizontal: spacing.md,
    paddingVertical: spacing.xs,
    borderRadius: radius.pill,
    overflow: 'hidden',
    fontWeight: '700',
    fontSize: 13,
  },
  headline: { fontSize: 17, fontWeight: '600', flexShrink: 1 },
  outcome: { padding: spacing.lg, borderRadius: radius.md, gap: spacing.md },
});
