import { useState } from 'react';
import { Pressable, StyleSheet, Text, TextInput, View } from 'react-native';

import { TAGS_MAX } from '@/api/types';
import { addTags } from '@/lib/review';
import { radius, spacing, TOUCH, useTheme } from '@/theme';

import { Button } from './Button';
import { Icon } from './Icon';

/**
 * A post's tags as chips, each with a way to remove it, and a field to add more (Enter or a comma
 * adds; tags are normalised like the server's: trimmed, lower case, each once).
 */
export function TagEditor({
  tags,
  onChange,
  error,
  testID = 'tag-editor',
}: {
  tags: string[];
  onChange: (tags: string[]) => void;
  /** Shown under the field (the server's or the form's). */
  error?: string;
  testID?: string;
}) {
  const { colors } = useTheme();
  const [text, setText] = useState('');
  const [ownError, setOwnError] = useState<string | null>(null);

  const add = (typed: string) => {
    const result = addTags(tags, typed);
    setOwnError(result.error);
    if (result.tags.length !== tags.length) onChange(result.tags);
    setText('');
  };
  const shown = ownError ?? error;

  return (
    <View testID={testID} style={styles.wrap}>
      <View style={styles.chips} role="list" aria-label="Tags">
        {tags.map((tag) => (
          <View key={tag} role="listitem">
            <Pressable
              testID={`${testID}-remove-${tag}`}
              role="button"
              accessibilityRole="button"
              accessibilityLabel={`Remove tag ${tag}`}
              onPress={() => {
                setOwnError(null);
                onChange(tags.filter((t) => t !== tag));
              }}
              style={styles.target}>
              <View style={[styles.chip, { backgroundColor: colors.surfaceAlt, borderColor: colors.border }]}>
                <Text style={[styles.chipText, { color: colors.text }]}>#{tag}</Text>
                <Icon name="close" size={14} color={colors.text} />
              </View>
            </Pressable>
          </View>
        ))}
        {tags.length === 0 ? (
          <Text style={[styles.none, { color: colors.textMuted }]}>No tags yet.</Text>
        ) : null}
      </View>
      <View style={styles.addRow}>
        <TextInput
          testID={`${testID}-input`}
          accessibilityLabel="Add a tag"
          accessibilityHint={`Up to ${TAGS_MAX} tags; separate several with commas`}
          value={text}
          onChangeText={(t) => {
            setOwnError(null);
            if (t.includes(',')) add(t);
            else setText(t);
          }}
          onSubmitEditing={() => add(text)}
          submitBehavior="submit"
          placeholder="Add a tag"
          placeholderTextColor={colors.textMuted}
          autoCapitalize="none"
          autoCorrect={false}
          returnKeyType="done"
          style={[styles.input, { color: colors.text, borderColor: shown ? colors.danger : colors.border }]}
        />
        <Button
          testID={`${testID}-add`}
          label="Add"
          accessibilityLabel="Add the tag"
          variant="secondary"
          disabled={!text.trim()}
          onPress={() => add(text)}
        />
      </View>
      {shown ? (
        <Text testID={`${testID}-error`} role="alert" style={[styles.error, { color: colors.danger }]}>
          {shown}
        </Text>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: spacing.xs },
  chips: { flexDirection: 'row', flexWrap: 'wrap', columnGap: spacing.sm, alignItems: 'center' },
  target: { minHeight: TOUCH, minWidth: TOUCH, justifyContent: 'center' },
  chip: {
    minHeight: 32,
    flexDirection: 'row',
    alignItems: 'center',
    gap: 4,
    paddingHorizontal: spacing.md,
    borderRadius: radius.pill,
    borderWidth: StyleSheet.hairlineWidth,
  },
  chipText: { fontSize: 14, fontWeight: '500' },
  none: { fontSize: 14, minHeight: TOUCH, textAlignVertical: 'center', paddingVertical: spacing.md },
  addRow: { flexDirection: 'row', gap: spacing.sm, alignItems: 'center' },
  input: {
    flex: 1,
    minHeight: TOUCH,
    borderWidth: 1,
    borderRadius: radius.md,
    paddingHorizontal: spacing.md,
    fontSize: 16,
  },
  error: { fontSize: 14 },
});
