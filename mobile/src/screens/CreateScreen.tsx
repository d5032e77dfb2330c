import { useRouter } from 'expo-router';
import { useEffect, useRef, useState } from 'react';
import { KeyboardAvoidingView, Platform, ScrollView, StyleSheet, Text, TextInput, View } from 'react-native';

import {
  AUDIENCES,
  LENGTHS,
  TONES,
  TOPIC_MAX,
  errorMessage,
  isApiError,
  type Audience,
  type Length,
  type Tone,
} from '@/api/types';
import { Button } from '@/components/Button';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { StateMessage } from '@/components/StateMessage';
import { newIdempotencyKey } from '@/lib/ids';
import { validateTopic } from '@/lib/validation';
import { useCreatePostMutation } from '@/state/queries/request';
import { useSession } from '@/state/session';
import { radius, READING_WIDTH, spacing, useTheme } from '@/theme';

/** `initialTopic`: a topic to start from (after a rejection: the rejected one, to edit). */
const AUDIENCE_NAMES: Record<Audience, string> = {
  general: 'Everyone',
  beginner: 'Beginners',
  expert: 'Experts',
};
const LENGTH_NAMES: Record<Length, string> = { short: 'Short', medium: 'Medium', long: 'Long' };

export function CreateScreen({ initialTopic }: { initialTopic?: string }) {
  const { colors } = useTheme();
  const router = useRouter();
  const { session } = useSession();
  const create = useCreatePostMutation();
  const [topic, setTopic] = useState(initialTopic ?? '');
  useEffect(() => {
    if (initialTopic) setTopic(initialTopic);
  }, [initialTopic]);
  const [audience, setAudience] = useState<Audience>('general');
  const [tone, setTone] = useState<Tone>('informative');
  const [length, setLength] = useState<Length>('medium');
  const [touched, setTouched] = useState(false);
  // One key per distinct submission: resending the same form after a network error reuses
  // it, so the server creates one request, not two.
  const idempotencyKey = useRef<string | null>(null);
  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      idempotencyKey.current = null;
      create.reset();
      set(v);
    };

  if (!session) {
    return (
      <View role="main" style={[styles.fill, { backgroundColor: colors.background }]}>
        <StateMessage
          testID="create-signed-out"
          icon="create-outline"
          title="Sign in to write posts"
          message="Reading is open to everyone. To have AI Blog write a post for you, sign in."
          action={{
            label: 'Sign in',
            onPress: () => router.push({ pathname: '/sign-in', params: { reason: 'create' } }),
            testID: 'create-sign-in',
          }}
        />
      </View>
    );
  }

  const validation = validateTopic(topic);
  const showValidation = touched && validation !== null;
  const serverError = create.error;

  const submit = () => {
    setTouched(true);
    if (validation) return;
    idempotencyKey.current ??= newIdempotencyKey();
    create.mutate(
      { input: { topic: topic.trim(), audience, tone, length }, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: (result) => {
          idempotencyKey.current = null;
          setTopic('');
          setTouched(false);
          router.push(`/request/${encodeURIComponent(result.requestId)}`);
        },
      },
    );
  };

  return (
    <KeyboardAvoidingView
      behavior={Platform.OS === 'ios' ? 'padding' : undefined}
      style={[styles.fill, { backgroundColor: colors.background }]}>
      <ScrollView role="main" contentContainerStyle={styles.content} keyboardShouldPersistTaps="handled">
        <Text accessibilityRole="header" style={[styles.heading, { color: colors.text }]}>
          What should the post be about?
        </Text>
        <Text style={{ color: colors.textMuted, lineHeight: 21, marginTop: -spacing.sm }}>
          AI Blog writes and illustrates it in a minute or two. It appears in My posts, and in the feed once
          it’s published.
        </Text>
        <View style={styles.field}>
          <Text nativeID="topic-label" style={[styles.label, { color: colors.text }]}>
            Topic
          </Text>
          <TextInput
            testID="topic-input"
            accessibilityLabel="Topic"
            accessibilityLabelledBy="topic-label"
            accessibilityHint={`Between 3 and ${TOPIC_MAX} characters`}
            value={topic}
            onChangeText={edited((t: string) => setTopic(t.replace(/[\r\n]+/g, ' ')))}
            onBlur={() => setTouched(true)}
            placeholder="e.g. How sourdough starters work"
            placeholderTextColor={colors.textMuted}
            multiline
            maxLength={TOPIC_MAX + 50}
            style={[
              styles.input,
              {
                color: colors.text,
                backgroundColor: colors.surface,
                borderColor: showValidation ? colors.danger : colors.border,
              },
            ]}
          />
          <View style={styles.hintRow}>
            <Text
              testID="topic-error"
              accessibilityLiveRegion="polite"
              style={{ color: colors.danger, flex: 1 }}>
              {showValidation ? validation : ''}
            </Text>
            <Text style={{ color: topic.trim().length > TOPIC_MAX ? colors.danger : colors.textMuted }}>
              {topic.trim().length}/{TOPIC_MAX}
            </Text>
          </View>
        </View>
        <ChoiceGroup
          label="Who it’s for"
          options={AUDIENCES}
          value={audience}
          onChange={edited(setAudience)}
          describe={(a) => AUDIENCE_NAMES[a]}
          testID="audience"
        />
        <ChoiceGroup label="Tone" options={TONES} value={tone} onChange={edited(setTone)} testID="tone" />
        <ChoiceGroup
          label="Length"
          options={LENGTHS}
          value={length}
          onChange={edited(setLength)}
          describe={(l) => LENGTH_NAMES[l]}
          testID="length"
        />
        {serverError ? (
          <View
            testID="create-error"
            accessibilityRole="alert"
            style={[styles.errorBox, { backgroundColor: colors.dangerSurface }]}>
            <Text style={{ color: colors.danger }}>{errorMessage(serverError)}</Text>
            {isApiError(serverError) && serverError.code === 'UNAUTHORIZED' ? (
              <Button
                label="Sign in again"
                variant="secondary"
                onPress={() => router.push({ pathname: '/sign-in', params: { reason: 'expired' } })}
              />
            ) : null}
          </View>
        ) : null}
        <Button
          testID="create-submit"
          label={create.isPending ? 'Sending…' : 'Write my post'}
          accessibilityLabel="Write my post"
          icon="sparkles"
          loading={create.isPending}
          onPress={submit}
        />
      </ScrollView>
    </KeyboardAvoidingView>
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
  heading: { fontSize: 22, fontWeight: '700' },
  field: { gap: spacing.sm },
  label: { fontSize: 15, fontWeight: '600' },
  input: {
    minHeight: 88,
    borderWidth: 1,
    borderRadius: radius.md,
    padding: spacing.md,
    fontSize: 16,
    textAlignVertical: 'top',
  },
  hintRow: { flexDirection: 'row', gap: spacing.sm },
  errorBox: { padding: spacing.md, borderRadius: radius.md, gap: spacing.sm },
});
