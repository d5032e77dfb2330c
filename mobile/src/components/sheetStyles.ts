import { StyleSheet } from 'react-native';

import { radius, READING_WIDTH, spacing } from '@/theme';

/** The bottom sheets' shared layout (ConfirmDialog, ReasonDialog): a dimmed backdrop, a sheet, its title and buttons. */
export const sheetStyles = StyleSheet.create({
  backdrop: { flex: 1, justifyContent: 'flex-end', alignItems: 'center' },
  sheet: {
    width: '100%',
    maxWidth: READING_WIDTH,
    padding: spacing.lg,
    paddingBottom: spacing.xl,
    gap: spacing.sm,
    borderTopLeftRadius: radius.lg,
    borderTopRightRadius: radius.lg,
    borderWidth: StyleSheet.hairlineWidth,
  },
  title: { fontSize: 20, fontWeight: '700' },
  actions: { flexDirection: 'row', justifyContent: 'flex-end', gap: spacing.sm, marginTop: spacing.sm },
});
