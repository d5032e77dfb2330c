import { Tabs } from 'expo-router/js-tabs';
import { Platform, Text, type ColorValue } from 'react-native';

function glyph(symbol: string) {
  function TabIcon({ color }: { color: ColorValue }) {
    return <Text style={{ color, fontSize: 18, lineHeight: 22 }}>{symbol}</Text>;
  }
  return TabIcon;
}

export default function TabsLayout() {
  return (
    <Tabs
      screenOptions={{
        tabBarLabelStyle: { fontSize: 12 },
        // Browsers' fonts run taller than the 49 pt UIKit bar leaves room for.
        tabBarStyle: Platform.OS === 'web' ? { height: 60, paddingBottom: 6 } : undefined,
      }}>
      <Tabs.Screen
        name="index"
        options={{ title: 'Feed', headerTitle: 'AI Blog', tabBarAccessibilityLabel: 'Feed', tabBarButtonTestID: 'tab-feed', tabBarIcon: glyph('☰') }}
      />
      <Tabs.Screen
        name="create"
        options={{ title: 'Create', tabBarAccessibilityLabel: 'Create a post', tabBarButtonTestID: 'tab-create', tabBarIcon: glyph('✎') }}
      />
      <Tabs.Screen
        name="settings"
        options={{ title: 'Settings', tabBarAccessibilityLabel: 'Settings', tabBarButtonTestID: 'tab-settings', tabBarIcon: glyph('⚙') }}
      />
    </Tabs>
  );
}
