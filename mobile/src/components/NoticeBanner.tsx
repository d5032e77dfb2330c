import { useRouter } from 'expo-router';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { useSafeAreaInsets } from 'react-native-safe-area-context';

import { goToTab } from '@/lib/navigation';
import { useNotices } from '@/state/notices';
import { READING_WIDTH, radius, spacing, TOUCH, useTheme } from '@/theme';

import { Icon } from './Icon';
import { IconButton } from './IconButton';

const TAB_PATHS = ['/', '/saved', '/create', '/mine', '/review', '/settings'];

/** The in-app notice, floating over the top of whatever screen is showing. */
export function NoticeBanner() {
  const { current, dismiss } = useNotices();
  const { colors } = useTheme();
  const router = useRouter();
  const insets = useSafeAreaInsets();
  if (!current) return null;
  const tint =
    current.tone === 'success' ? colors.success : current.tone === 'error' ? colors.danger : colors.primary;
  const icon =
    current.tone === 'success'
      ? 'checkmark-circle'
      : current.tone === 'error'
        ? 'alert-circle'
        : 'information-circle';
  return (
    <View pointerEvents="box-none" style={[styles.overlay, { top: insets.top + spacing.sm }]}>
      <View
        testID="notice-banner"
        role="alert"
        accessibilityLiveRegion="polite"
        style={[
          styles.banner,
          { backgroundColor: colors.surface, borderColor: colors.border, shadowColor: '#000' },
        ]}>
        <Icon name={icon} size={24} color={tint} />
        <View style={styles.text}>
          <Text testID="notice-title" style={[styles.title, { color: colors.text }]}>
            {current.title}
          </Text>
          {current.message ? (
            <Text testID="notice-message" style={{ color: colors.textMuted }} numberOfLines={2}>
              {current.message}
            </Text>
          ) : null}
        </View>
        {current.action ? (
          <Pressable
            testID="notice-action"
            role="button"
            accessibilityRole="button"
            accessibilityLabel={current.action.label}
            onPress={() => {
              const href = current.action!.href;
              dismiss();
              if (TAB_PATHS.includes(href)) goToTab(router, href as never);
              else router.push(href as never);
            }}
            style={styles.action}>
            <Text style={{ color: colors.primary, fontWeight: '700' }}>{current.action.label}</Text>
          </Pressable>
        ) : null}
        <IconButton
          testID="notice-dismiss"
          icon="close"
          label="Dismiss"
          size={18}
          color={colors.textMuted}
          onPress={dismiss}
        />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  overlay: { position: 'absolute', left: spacing.md, right: spacing.md, alignItems: 'center', zIndex: 1000 },
  banner: {
    width: '100%',
    maxWidth: READING_WIDTH,
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.sm,
    paddingLeft: spacing.md,
    paddingVertical: spacing.xs,
    borderRadius: radius.lg,
    borderWidth: StyleSheet.hairlineWidth,
    shadowOpacity: 0.15,
    shadowRadius: 12,
    shadowOffset: { width: 0, height: 4 },
    elevation: 6,
  },
  text: { flex: 1, paddingVertical: spacing.sm, gap: 2 },
  title: { fontSize: 15, fontWeight: '700' },
  action: { minHeight: TOUCH, justifyContent: 'center', paddingHorizontal: spacing.sm },
});
