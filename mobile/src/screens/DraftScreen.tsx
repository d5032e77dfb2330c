import { Stack, useNavigation, useRouter } from 'expo-router';
import { useEffect, useRef, useState } from 'react';
import {
  KeyboardAvoidingView,
  Platform,
  Pressable,
  ScrollView,
  StyleSheet,
  Text,
  TextInput,
  View,
  type NativeSyntheticEvent,
  type TextInputContentSizeChangeEventData,
} from 'react-native';

import {
  errorMessage,
  fieldOf,
  isApiError,
  serverMessage,
  TITLE_MAX,
  type Draft,
  type ReviewDecision,
} from '@/api/types';
import { Button } from '@/components/Button';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { Markdown } from '@/components/Markdown';
import { PostImage } from '@/components/PostImage';
import { ReasonDialog } from '@/components/ReasonDialog';
import { readingType } from '@/components/reading';
import { StateMessage } from '@/components/StateMessage';
import { TagEditor } from '@/components/TagEditor';
import { checkedProps } from '@/lib/a11y';
import { formatCost, formatLongDate, formatRequester, formatWaited } from '@/lib/format';
import { goToTab } from '@/lib/navigation';
import { approval, editedFields, validateEdits, type DraftFields, type FieldErrors } from '@/lib/review';
import { useNotices } from '@/state/notices';
import { isGone, useDecideReviewMutation, useReviewQuery } from '@/state/queries/reviews';
import { fonts, radius, READING_WIDTH, spacing, TOUCH, useTheme } from '@/theme';

type BodyMode = 'edit' | 'preview';
const BODY_MODES: readonly BodyMode[] = ['edit', 'preview'];
const MODE_NAMES: Record<BodyMode, string> = { edit: 'Edit markdown', preview: 'Preview' };

/**
 * A multi-line field as tall as its text (a textarea on the web keeps its rows otherwise, and cuts a
 * long title off). `padding` is the field's vertical padding: native sizes leave it out, the web's include it.
 */
function useAutoHeight(min: number, padding: number) {
  const [height, setHeight] = useState(min);
  const onContentSizeChange = (e: NativeSyntheticEvent<TextInputContentSizeChangeEventData>) => {
    const content = e.nativeEvent.contentSize.height + (Platform.OS === 'web' ? 0 : padding * 2) + 2;
    setHeight(Math.max(min, Math.ceil(content)));
  };
  return { height, onContentSizeChange };
}

/** Edit the markdown, or read it as it will be published: a two-way switch beside the field's label. */
function ModeSwitch({ mode, onChange }: { mode: BodyMode; onChange: (mode: BodyMode) => void }) {
  const { colors } = useTheme();
  return (
    <View role="radiogroup" accessibilityRole="radiogroup" aria-label="Show the post as" style={styles.modes}>
      {BODY_MODES.map((m) => {
        const selected = m === mode;
        return (
          <Pressable
            key={m}
            testID={`draft-mode-${m}`}
            role="radio"
            accessibilityRole="radio"
            accessibilityLabel={MODE_NAMES[m]}
            {...checkedProps(selected)}
            onPress={() => onChange(m)}
            style={styles.modeTarget}>
            <View
              style={[
                styles.mode,
                {
                  backgroundColor: selected ? colors.text : colors.surfaceAlt,
                  borderColor: selected ? colors.text : colors.border,
                },
              ]}>
              <Text style={[styles.modeText, { color: selected ? colors.background : colors.text }]}>
                {MODE_NAMES[m]}
              </Text>
            </View>
          </Pressable>
        );
      })}
    </View>
  );
}

/** A draft awaiting review: read it as it will be published, edit it in place, approve or reject it. */
export function DraftScreen({ id }: { id: string }) {
  const { colors } = useTheme();
  const router = useRouter();
  const query = useReviewQuery(id);

  if (query.isPending) {
    return (
      <View
        testID="draft-loading"
        role="main"
        style={[styles.fill, { backgroundColor: colors.background }]}
        accessibilityLabel="Loading the draft">
        <StateMessage title="Loading the draft…" />
      </View>
    );
  }
  if (query.isError && !query.data) {
    const gone = isApiError(query.error) && query.error.code === 'NOT_FOUND';
    const forbidden = isApiError(query.error) && query.error.code === 'FORBIDDEN';
    return (
      <View role="main" style={[styles.fill, { backgroundColor: colors.background }]}>
        {gone ? (
          <Gone onBack={() => goToTab(router, '/review')} />
        ) : (
          <StateMessage
            testID="draft-error"
            tone="error"
            title={forbidden ? 'Only editors review drafts' : 'Couldn’t load the draft'}
            message={errorMessage(query.error)}
            action={
              forbidden
                ? {
                    label: 'Go to the home feed',
                    onPress: () => goToTab(router, '/'),
                    testID: 'draft-go-home',
                  }
                : {
                    label: 'Try again',
                    accessibilityLabel: 'Try again to load the draft',
                    onPress: () => void query.refetch(),
                    testID: 'draft-retry',
                  }
            }
          />
        )}
      </View>
    );
  }
  return (
    <DraftEditor key={query.data.requestId} draft={query.data} onImageFailed={() => void query.refetch()} />
  );
}

/** The draft was decided by someone else, or its time for review ran out. */
function Gone({ onBack }: { onBack: () => void }) {
  return (
    <StateMessage
      testID="draft-gone"
      tone="error"
      title="This draft is no longer waiting for review"
      message="Another editor has already approved or rejected it, or its time for review ran out. It’s been taken out of your queue."
      action={{ label: 'Back to the queue', onPress: onBack, testID: 'draft-back-to-queue' }}
    />
  );
}

function FieldLabel({ id, label, edited }: { id: string; label: string; edited: boolean }) {
  const { colors } = useTheme();
  return (
    <View style={styles.labelRow}>
      <Text nativeID={id} style={[styles.label, { color: colors.textMuted }]}>
        {label}
      </Text>
      {edited ? (
        <Text testID={`${id}-edited`} style={[styles.edited, { color: colors.primary }]}>
          Edited
        </Text>
      ) : null}
    </View>
  );
}

function FieldError({ testID, message }: { testID: string; message?: string }) {
  const { colors } = useTheme();
  if (!message) return null;
  return (
    <Text testID={testID} role="alert" style={[styles.error, { color: colors.danger }]}>
      {message}
    </Text>
  );
}

/**
 * Leaving a draft with edits asks first (they are kept nowhere else); once the draft is decided, or gone,
 * it leaves without asking. Returns the question to show, and what to do with the answer.
 */
function useLeaveGuard(dirty: boolean) {
  const navigation = useNavigation();
  type LeaveAction = Parameters<typeof navigation.dispatch>[0];
  const [pending, setPending] = useState<LeaveAction | null>(null);
  const allowed = useRef(false);
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  useEffect(
    () =>
      navigation.addListener('beforeRemove', (e) => {
        if (!dirtyRef.current || allowed.current) return;
        e.preventDefault();
        setPending(e.data.action);
      }),
    [navigation],
  );
  return {
    asking: pending !== null,
    /** The draft is decided or gone: nothing to lose any more. */
    allow: () => {
      allowed.current = true;
    },
    leave: () => {
      allowed.current = true;
      const action = pending;
      setPending(null);
      if (action) navigation.dispatch(action);
    },
    stay: () => setPending(null),
  };
}

function DraftEditor({ draft, onImageFailed }: { draft: Draft; onImageFailed: () => void }) {
  const { colors, textScale } = useTheme();
  const router = useRouter();
  const { show } = useNotices();
  const decide = useDecideReviewMutation(draft.requestId);
  const [fields, setFields] = useState<DraftFields>({
    title: draft.title,
    summary: draft.summary,
    body: draft.body,
    tags: [...draft.tags],
  });
  const [mode, setMode] = useState<BodyMode>('edit');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [rejectError, setRejectError] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  const type = readingType(textScale);
  const edited = editedFields(draft, fields);
  const titleHeight = useAutoHeight(TOUCH, spacing.xs);
  const summaryHeight = useAutoHeight(TOUCH, spacing.xs);
  const bodyHeight = useAutoHeight(320, spacing.md);
  const guard = useLeaveGuard(edited.size > 0);

  const set = <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => {
    setFields((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setGeneral(null);
  };

  const backToQueue = () => {
    guard.allow();
    goToTab(router, '/review');
  };

  const failed = (e: unknown, decision: ReviewDecision['decision']) => {
    if (isGone(e)) {
      guard.allow();
      setRejecting(false);
      setGone(true);
      return;
    }
    const field = fieldOf(e);
    if (field === 'reason' && decision === 'reject') {
      setRejectError(serverMessage(e));
      return;
    }
    if (field && field !== 'reason') {
      setRejecting(false);
      setErrors({ [field]: serverMessage(e) });
      if (field === 'body') setMode('edit');
      setGeneral('The server didn’t accept an edit: see the marked field.');
      return;
    }
    const message =
      isApiError(e) && e.code === 'FORBIDDEN'
        ? 'Only editors can approve or reject drafts.'
        : errorMessage(e);
    if (decision === 'reject') setRejectError(`Couldn’t reject the draft. ${message}`);
    else setGeneral(`Couldn’t approve the draft. ${message}`);
  };

  const onApprove = () => {
    const problems = validateEdits(fields);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      if (problems.body) setMode('edit');
      setGeneral('Fix the marked fields before approving.');
      return;
    }
    setGeneral(null);
    const title = fields.title.trim();
    decide.mutate(approval(draft, fields), {
      onSuccess: () => {
        show({
          tone: 'success',
          title: 'Approved',
          message: `“${title}” will be in the feed in a moment.`,
          action: { label: 'See the feed', href: '/' },
        });
        backToQueue();
      },
      onError: (e) => failed(e, 'approve'),
    });
  };

  const onReject = (reason: string) => {
    setRejectError(null);
    decide.mutate(
      { decision: 'reject', reason },
      {
        onSuccess: () => {
          setRejecting(false);
          show({
            tone: 'info',
            title: 'Draft rejected',
            message: `“${draft.title}” won’t be published. The person who asked for it sees your reason.`,
          });
          backToQueue();
        },
        onError: (e) => failed(e, 'reject'),
      },
    );
  };

  if (gone) {
    return (
      <View role="main" style={[styles.fill, { backgroundColor: colors.background }]}>
        <Stack.Screen options={{ title: 'Review' }} />
        <Gone onBack={backToQueue} />
      </View>
    );
  }

  const inputBase = { color: colors.text, borderColor: colors.border };
  const busy = decide.isPending;
  return (
    <KeyboardAvoidingView
      behavior={Platform.OS === 'ios' ? 'padding' : undefined}
      keyboardVerticalOffset={Platform.OS === 'ios' ? 100 : 0}
      style={[styles.fill, { backgroundColor: colors.background }]}>
      <Stack.Screen options={{ title: 'Review draft' }} />
      <ScrollView
        testID="draft-screen"
        role="main"
        style={styles.fill}
        contentContainerStyle={styles.content}
        keyboardShouldPersistTaps="handled">
        <View style={styles.column}>
          <View
            testID="draft-facts"
            style={[styles.facts, { backgroundColor: colors.surfaceAlt, borderColor: colors.border }]}>
            <Text style={[styles.factsTopic, { color: colors.text }]}>Topic: {draft.topic}</Text>
            <Text style={[styles.factsText, { color: colors.textMuted }]}>
              {formatRequester(draft.requestedBy)} · waiting {formatWaited(draft.awaitingSince)} ·{' '}
              {formatCost(draft.costUsd)} so far
            </Text>
            <Text testID="draft-deadline" style={[styles.factsText, { color: colors.textMuted }]}>
              Decide by {formatLongDate(draft.reviewDeadline)}; after that it won’t be published.
            </Text>
          </View>

          <FieldLabel id="draft-title-label" label="Title" edited={edited.has('title')} />
          <TextInput
            testID="draft-title-input"
            accessibilityLabel="Title"
            accessibilityLabelledBy="draft-title-label"
            aria-invalid={!!errors.title}
            value={fields.title}
            onChangeText={(t) => set('title', t.replace(/[\r\n]+/g, ' '))}
            onContentSizeChange={titleHeight.onContentSizeChange}
            multiline
            maxLength={TITLE_MAX + 50}
            style={[
              styles.inline,
              type.title,
              inputBase,
              { height: titleHeight.height },
              errors.title ? { borderColor: colors.danger } : null,
            ]}
          />
          <FieldError testID="draft-error-title" message={errors.title} />

          <FieldLabel id="draft-summary-label" label="Summary" edited={edited.has('summary')} />
          <TextInput
            testID="draft-summary-input"
            accessibilityLabel="Summary"
            accessibilityLabelledBy="draft-summary-label"
            aria-invalid={!!errors.summary}
            value={fields.summary}
            onChangeText={(t) => set('summary', t)}
            onContentSizeChange={summaryHeight.onContentSizeChange}
            multiline
            style={[
              styles.inline,
              type.summary,
              { ...inputBase, color: colors.textMuted, height: summaryHeight.height },
              errors.summary ? { borderColor: colors.danger } : null,
            ]}
          />
          <FieldError testID="draft-error-summary" message={errors.summary} />
        </View>

        <View style={[styles.column, styles.heroWrap]}>
          <PostImage
            testID="draft-hero"
            postId={`review-${draft.requestId}`}
            uri={draft.imageUrl}
            style={styles.hero}
            label={`Illustration for ${draft.title}`}
            onFailed={onImageFailed}
          />
        </View>

        <View style={styles.column}>
          <FieldLabel id="draft-tags-label" label="Tags" edited={edited.has('tags')} />
          <TagEditor
            testID="draft-tags"
            tags={fields.tags}
            onChange={(tags) => set('tags', tags)}
            error={errors.tags}
          />

          <View style={styles.bodyHeader}>
            <FieldLabel id="draft-body-label" label="Post" edited={edited.has('body')} />
            <ModeSwitch mode={mode} onChange={setMode} />
          </View>
          {mode === 'edit' ? (
            <TextInput
              testID="draft-body-input"
              accessibilityLabel="Post, in markdown"
              accessibilityLabelledBy="draft-body-label"
              aria-invalid={!!errors.body}
              value={fields.body}
              onChangeText={(t) => set('body', t)}
              onContentSizeChange={bodyHeight.onContentSizeChange}
              multiline
              autoCapitalize="sentences"
              style={[
                styles.body,
                {
                  color: colors.text,
                  borderColor: errors.body ? colors.danger : colors.border,
                  height: bodyHeight.height,
                },
              ]}
            />
          ) : (
            <View testID="draft-preview">
              <Markdown value={fields.body} />
            </View>
          )}
          <FieldError testID="draft-error-body" message={errors.body} />
          <FieldError testID="draft-error" message={general ?? undefined} />
        </View>
      </ScrollView>

      <View style={[styles.actions, { borderColor: colors.border, backgroundColor: colors.background }]}>
        <View style={[styles.column, styles.actionsRow]}>
          <Button
            testID="draft-reject"
            label="Reject…"
            accessibilityLabel="Reject this draft"
            accessibilityHint="Asks for a reason"
            variant="secondary"
            icon="close"
            disabled={busy}
            onPress={() => {
              setRejectError(null);
              setRejecting(true);
            }}
          />
          <Button
            testID="draft-approve"
            label={edited.size > 0 ? 'Approve with edits' : 'Approve'}
            accessibilityHint="Publishes the post"
            icon="checkmark"
            loading={busy && !rejecting}
            disabled={busy}
            onPress={onApprove}
            style={styles.action}
          />
        </View>
      </View>

      <ReasonDialog
        visible={rejecting}
        title={`Reject “${draft.title}”?`}
        busy={busy}
        error={rejectError}
        onCancel={() => setRejecting(false)}
        onConfirm={onReject}
      />
      <ConfirmDialog
        testID="leave-dialog"
        visible={guard.asking}
        title="Leave without your edits?"
        message="Your edits aren’t kept anywhere else: the draft stays in the queue as it was written."
        confirmLabel="Discard edits"
        cancelLabel="Keep editing"
        onConfirm={guard.leave}
        onCancel={guard.stay}
      />
    </KeyboardAvoidingView>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  content: { paddingBottom: spacing.xxl },
  column: { width: '100%', maxWidth: READING_WIDTH, alignSelf: 'center', paddingHorizontal: spacing.lg },
  facts: {
    marginTop: spacing.lg,
    padding: spacing.md,
    borderRadius: radius.md,
    borderWidth: StyleSheet.hairlineWidth,
    gap: 2,
  },
  factsTopic: { fontSize: 15, fontWeight: '600' },
  factsText: { fontSize: 14, lineHeight: 20 },
  labelRow: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.sm,
    marginTop: spacing.lg,
    marginBottom: 2,
  },
  label: { fontSize: 13, fontWeight: '600', textTransform: 'uppercase', letterSpacing: 0.5 },
  edited: { fontSize: 13, fontWeight: '600' },
  // Inline editing: the field reads like the post, with a quiet frame to say it can be changed.
  inline: {
    minHeight: TOUCH,
    borderWidth: 1,
    borderStyle: 'dashed',
    borderRadius: radius.md,
    paddingHorizontal: spacing.sm,
    paddingVertical: spacing.xs,
  },
  error: { fontSize: 14, marginTop: spacing.xs },
  heroWrap: { marginTop: spacing.lg },
  hero: { width: '100%', aspectRatio: 16 / 9, borderRadius: radius.lg },
  bodyHeader: {
    flexDirection: 'row',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    marginTop: spacing.sm,
  },
  modes: { flexDirection: 'row', gap: spacing.xs },
  modeTarget: { minHeight: TOUCH, minWidth: TOUCH, justifyContent: 'center' },
  mode: {
    minHeight: 32,
    paddingHorizontal: spacing.md,
    borderRadius: radius.pill,
    borderWidth: StyleSheet.hairlineWidth,
    justifyContent: 'center',
  },
  modeText: { fontSize: 14, fontWeight: '600' },
  body: {
    minHeight: 320,
    borderWidth: 1,
    borderRadius: radius.md,
    padding: spacing.md,
    fontFamily: fonts.mono,
    fontSize: 15,
    lineHeight: 22,
    textAlignVertical: 'top',
    marginTop: spacing.sm,
  },
  actions: { borderTopWidth: StyleSheet.hairlineWidth, paddingVertical: spacing.sm },
  actionsRow: { flexDirection: 'row', gap: spacing.sm },
  action: { flex: 1 },
});
