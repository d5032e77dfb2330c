import { Tabs } from 'expo-router/js-tabs';
import { Text, type ColorValue } from 'react-native';

function glyph(symbol: string) {
  function TabIcon({ color }: { color: ColorValue }) {
    return <Text style={{ color, fontSize: 20 }}>{symbol}</Text>;
  }
  return TabIcon;
}

export default function TabsLayout() {
  return (
    <Tabs screenOptions={{ tabBarLabelStyle: { fontSize: 12 } }}>
      <Tabs.Screen
        name="index"
        options={{ title: 'Feed', tabBarAccessibilityLabel: 'Feed', tabBarButtonTestID: 'tab-feed', tabBarIcon: glyph('☰') }}
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
