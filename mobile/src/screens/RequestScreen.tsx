import { useRouter } from 'expo-router';
import { useEffect } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import { errorMessage, type BlogRequest, type RequestState } from '@/api/types';
import { Button } from '@/components/Button';
import { RequestProgress } from '@/components/RequestProgress';
import { StateMessage } from '@/components/StateMessage';
import { formatDate } from '@/lib/format';
import { useRequestQuery } from '@/state/queries/request';
import { radius, spacing, useTheme, type Colors } from '@/theme';

const HEADLINES: Record<RequestState, string> = {
  QUEUED: 'Waiting in the queue',
  RUNNING: 'Generating your post',
  PUBLISHED: 'Published',
  REJECTED: 'Rejected by moderation',
  FAILED: 'Generation failed',
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
        <StateMessage testID="request-loading" title="Loading the request…" />
      </View>
    );
  }
  if (!request) {
    return (
      <View style={[styles.fill, { backgroundColor: colors.background }]}>
        <StateMessage
          testID="request-error"
          tone="error"
          title="Couldn’t load the request"
          message={errorMessage(query.error)}
          action={{ label: 'Try again', accessibilityLabel: 'Try loading the request again', onPress: () => void query.refetch(), testID: 'request-retry' }}
        />
      </View>
    );
  }

  return (
    <ScrollView
      testID="request-screen"
      style={{ backgroundColor: colors.background }}
      contentContainerStyle={styles.content}>
      <Text style={[styles.topicLabel, { color: colors.textMuted }]}>Topic</Text>
      <Text testID="request-topic" style={[styles.topic, { color: colors.text }]}>
        {request.topic}
      </Text>
      <View style={styles.statusRow} accessible accessibilityRole="summary" accessibilityLabel={`Status: ${request.status}. ${HEADLINES[request.status]}`}>
        <Text
          testID="request-status"
          style={[styles.pill, { color: colors.onPrimary, backgroundColor: statusColor(request.status, colors) }]}>
          {request.status}
        </Text>
        <Text testID="request-headline" style={[styles.headline, { color: colors.text }]}>
          {HEADLINES[request.status]}
        </Text>
      </View>
      <RequestProgress request={request} />
      <Outcome
        request={request}
        onOpenPost={(pid) => router.replace(`/post/${encodeURIComponent(pid)}`)}
        onTryAgain={() => router.replace('/create')}
      />
      {query.isRefetchError ? (
        <Text testID="request-poll-error" style={{ color: colors.warning }}>
          Lost contact with the server; still trying. {errorMessage(query.error)}
        </Text>
      ) : null}
      <Text style={{ color: colors.textMuted, fontSize: 12 }}>
        Request {request.requestId} · started {formatDate(request.createdAt)}
      </Text>
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
    <View testID="request-outcome" accessibilityRole="alert" style={[styles.outcome, { backgroundColor: colors.dangerSurface }]}>
      <Text testID="request-reason" style={{ color: colors.danger, fontWeight: '600' }}>
        {req.reason ?? (req.status === 'REJECTED' ? 'The topic or text broke the content rules.' : 'No reason given.')}
      </Text>
      {req.categories.length > 0 ? (
        <Text testID="request-categories" style={{ color: colors.text }}>
          Flagged for: {req.categories.join(', ')}
        </Text>
      ) : null}
      <Button testID="request-try-again" label="Try another topic" variant="secondary" onPress={onTryAgain} />
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  content: { padding: spacing.lg, gap: spacing.lg },
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
