import { BottomTabBar, Tabs, type BottomTabBarProps } from 'expo-router/js-tabs';
import { Platform, View, type ColorValue } from 'react-native';

import { Icon, type IconName } from '@/components/Icon';
import { ScreenTitle } from '@/components/ScreenTitle';
import { useIsEditor } from '@/state/queries/me';
import { useTheme } from '@/theme';

function icon(active: IconName, inactive: IconName) {
  function TabIcon({ color, focused }: { color: ColorValue; focused: boolean }) {
    return <Icon name={focused ? active : inactive} size={24} color={String(color)} />;
  }
  return TabIcon;
}

export default function TabsLayout() {
  const { colors } = useTheme();
  // The Review tab is there only for editors (`GET /me`), never when signed out.
  const editor = useIsEditor();
  return (
    <Tabs
      // The tab bar is the app's navigation landmark.
      tabBar={(props: BottomTabBarProps) => (
        <View role="navigation" aria-label="Sections">
          <BottomTabBar {...props} />
        </View>
      )}
      screenOptions={{
        // Inactive labels in the muted text colour keep 4.5:1 contrast in both themes.
        tabBarActiveTintColor: colors.primary,
        tabBarInactiveTintColor: colors.textMuted,
        // Six tabs for an editor: the labels get the whole width of their tab, at iOS's 10 pt.
        tabBarLabelStyle: { fontSize: editor ? 10 : 11, fontWeight: '600' },
        tabBarItemStyle: { paddingHorizontal: 0 },
        tabBarStyle: {
          backgroundColor: colors.background,
          borderTopColor: colors.border,
          // Browsers' fonts run taller than the 49 pt UIKit bar leaves room for.
          ...(Platform.OS === 'web' ? { height: 60, paddingBottom: 6 } : null),
        },
        headerStyle: { backgroundColor: colors.background },
        headerShadowVisible: false,
        headerTitle: ({ children }) => <ScreenTitle>{children}</ScreenTitle>,
      }}>
      <Tabs.Screen
        name="index"
        options={{
          title: 'AI Blog',
          tabBarLabel: 'Home',
          tabBarAccessibilityLabel: 'Home',
          tabBarButtonTestID: 'tab-feed',
          tabBarIcon: icon('home', 'home-outline'),
        }}
      />
      <Tabs.Screen
        name="saved"
        options={{
          title: 'Saved',
          tabBarAccessibilityLabel: 'Saved posts',
          tabBarButtonTestID: 'tab-saved',
          tabBarIcon: icon('bookmark', 'bookmark-outline'),
        }}
      />
      <Tabs.Screen
        name="create"
        options={{
          title: 'Write a post',
          tabBarLabel: 'Write',
          tabBarAccessibilityLabel: 'Write a post',
          tabBarButtonTestID: 'tab-create',
          tabBarIcon: icon('create', 'create-outline'),
        }}
      />
      <Tabs.Screen
        name="mine"
        options={{
          title: 'My posts',
          tabBarAccessibilityLabel: 'My posts',
          tabBarButtonTestID: 'tab-mine',
          tabBarIcon: icon('document-text', 'document-text-outline'),
        }}
      />
      <Tabs.Screen
        name="review"
        options={{
          title: 'Review',
          tabBarAccessibilityLabel: 'Review drafts',
          tabBarButtonTestID: 'tab-review',
          tabBarIcon: icon('checkmark-done-circle', 'checkmark-done-circle-outline'),
          href: editor ? undefined : null,
        }}
      />
      <Tabs.Screen
        name="settings"
        options={{
          title: 'Settings',
          tabBarAccessibilityLabel: 'Settings',
          tabBarButtonTestID: 'tab-settings',
          tabBarIcon: icon('settings', 'settings-outline'),
        }}
      />
    </Tabs>
  );
}
