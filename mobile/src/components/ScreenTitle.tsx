import { Text, View } from 'react-native';

import { useTheme } from '@/theme';

/** The header's title, as the page's banner landmark and its first heading. */
export function ScreenTitle({ children }: { children: React.ReactNode }) {
  const { colors } = useTheme();
  return (
    <View role="banner">
      <Text
        accessibilityRole="header"
        aria-level={1}
        numberOfLines={1}
        style={{ color: colors.text, fontSize: 19, fontWeight: '800' }}>
        {children}
      </Text>
    </View>
  );
}
