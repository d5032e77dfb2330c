import { useState } from 'react';
import {
  KeyboardAvoidingView,
  Modal,
  Platform,
  Pressable,
  StyleSheet,
  Text,
  TextInput,
  View,
} from 'react-native';

import { REASON_MAX } from '@/api/types';
import { validateReason } from '@/lib/review';
import { radius, spacing, useTheme } from '@/theme';

import { Button } from './Button';
import { sheetStyles } from './sheetStyles';

/**
 * Asks why a draft is rejected (a bottom sheet on a phone, a dialog on a wide screen): the reason is
 * required and goes to the person who asked for the post. `error` is the server's, when it refused.
 */
export function ReasonDialog({
  visible,
  title,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  visible: boolean;
  title: string;
  busy?: boolean;
  error?: string | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { colors } = useTheme();
  const [reason, setReason] = useState('');
  const [ownError, setOwnError] = useState<string | null>(null);
  const shown = ownError ?? error ?? null;

  const confirm = () => {
    const problem = validateReason(reason);
    setOwnError(problem);
    if (!problem) onConfirm(reason.trim());
  };

  return (
    <Modal
      visible={visible}
      transparent
      animationType="fade"
      onRequestClose={onCancel}
      // On the web the modal itself is the dialog (react-native-web gives it role="dialog"): name it.
      {...({ 'aria-labelledby': 'reject-dialog-title' } as object)}>
      <KeyboardAvoidingView
        behavior={Platform.OS === 'ios' ? 'padding' : undefined}
        style={[sheetStyles.backdrop, { backgroundColor: 'rgba(0,0,0,0.45)' }]}>
        {/* Tapping outside the sheet cancels, as a sheet does; the Cancel button says it too. */}
        <Pressable
          style={StyleSheet.absoluteFill}
          onPress={onCancel}
          accessible={false}
          importantForAccessibility="no"
          aria-hidden
          tabIndex={-1}
        />
        <View
          testID="reject-dialog"
          accessibilityViewIsModal
          style={[sheetStyles.sheet, { backgroundColor: colors.surface, borderColor: colors.border }]}>
          <Text
            nativeID="reject-dialog-title"
            aria-level={2}
            accessibilityRole="header"
            style={[sheetStyles.title, { color: colors.text }]}>
            {title}
          </Text>
          <Text style={{ color: colors.textMuted, lineHeight: 20 }}>
            It won’t be published. The person who asked for it sees your reason.
          </Text>
          <Text nativeID="reject-reason-label" style={[styles.label, { color: colors.text }]}>
            Reason
          </Text>
          <TextInput
            testID="reject-reason"
            accessibilityLabel="Reason"
            accessibilityLabelledBy="reject-reason-label"
            accessibilityHint={`Required; at most ${REASON_MAX} characters`}
            value={reason}
            onChangeText={(t) => {
              setOwnError(null);
              setReason(t);
            }}
            placeholder="e.g. The facts about tides are wrong"
            placeholderTextColor={colors.textMuted}
            multiline
            maxLength={REASON_MAX + 50}
            autoFocus
            style={[styles.input, { color: colors.text, borderColor: shown ? colors.danger : colors.border }]}
          />
          {shown ? (
            <Text testID="reject-reason-error" role="alert" style={{ color: colors.danger }}>
              {shown}
            </Text>
          ) : null}
          <View style={sheetStyles.actions}>
            <Button testID="reject-cancel" label="Cancel" variant="secondary" onPress={onCancel} />
            <Button
              testID="reject-confirm"
              label="Reject draft"
              variant="danger"
              loading={busy}
              onPress={confirm}
            />
          </View>
        </View>
      </KeyboardAvoidingView>
    </Modal>
  );
}

const styles = StyleSheet.create({
  label: { fontSize: 15, fontWeight: '600', marginTop: spacing.sm },
  input: {
    minHeight: 96,
    borderWidth: 1,
    borderRadius: radius.md,
    padding: spacing.md,
    fontSize: 16,
    textAlignVertical: 'top',
  },
});
