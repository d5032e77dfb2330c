import { Modal, Pressable, StyleSheet, Text, View } from 'react-native';

import { useTheme } from '@/theme';

import { Button } from './Button';
import { sheetStyles } from './sheetStyles';

/**
 * A question with two answers, in a sheet (React Native's Alert does nothing on the web). `confirm` is
 * the answer that does something; cancelling (the button, the backdrop, Escape) changes nothing.
 */
export function ConfirmDialog({
  visible,
  title,
  message,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  testID = 'confirm-dialog',
}: {
  visible: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testID?: string;
}) {
  const { colors } = useTheme();
  const titleId = `${testID}-title`;
  return (
    <Modal
      visible={visible}
      transparent
      animationType="fade"
      onRequestClose={onCancel}
      // On the web the modal itself is the dialog (react-native-web gives it role="dialog"): name it.
      {...({ 'aria-labelledby': titleId } as object)}>
      <View style={[sheetStyles.backdrop, { backgroundColor: 'rgba(0,0,0,0.45)' }]}>
        <Pressable
          style={StyleSheet.absoluteFill}
          onPress={onCancel}
          accessible={false}
          importantForAccessibility="no"
          aria-hidden
          tabIndex={-1}
        />
        <View
          testID={testID}
          accessibilityViewIsModal
          style={[sheetStyles.sheet, { backgroundColor: colors.surface, borderColor: colors.border }]}>
          <Text
            nativeID={titleId}
            aria-level={2}
            accessibilityRole="header"
            style={[sheetStyles.title, { color: colors.text }]}>
            {title}
          </Text>
          <Text style={{ color: colors.textMuted, lineHeight: 20 }}>{message}</Text>
          <View style={sheetStyles.actions}>
            <Button testID={`${testID}-cancel`} label={cancelLabel} variant="secondary" onPress={onCancel} />
            <Button testID={`${testID}-confirm`} label={confirmLabel} variant="danger" onPress={onConfirm} />
          </View>
        </View>
      </View>
    </Modal>
  );
}
