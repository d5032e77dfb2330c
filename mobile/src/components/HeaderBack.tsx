import { useRouter } from 'expo-router';

import { useTheme } from '@/theme';

import { IconButton } from './IconButton';

/**
 * The header's back button, 44 pt like every other control. With nothing behind the screen (a
 * post opened from a shared link or a notification), it leads to the feed instead of nowhere.
 */
export function HeaderBack() {
  const router = useRouter();
  const { colors } = useTheme();
  const canGoBack = router.canGoBack();
  return (
    <IconButton
      testID="header-back"
      icon="chevron-back"
      size={26}
      label={canGoBack ? 'Back' : 'Back to the feed'}
      color={colors.text}
      onPress={() => (canGoBack ? router.back() : router.replace('/'))}
      style={{ marginLeft: 4 }}
    />
  );
}
