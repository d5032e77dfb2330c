import {
  DarkTheme,
  DefaultTheme,
  Stack,
  ThemeProvider as NavigationThemeProvider,
  useRouter,
} from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import * as WebBrowser from 'expo-web-browser';
import { useEffect, useMemo } from 'react';
import { Platform, View } from 'react-native';

import { HeaderBack } from '@/components/HeaderBack';
import { NoticeBanner } from '@/components/NoticeBanner';
import { ScreenTitle } from '@/components/ScreenTitle';
import { wireQueryToAppState } from '@/lib/app-state';
import { onNotificationOpened } from '@/lib/notify';
import { AppProviders } from '@/state/providers';
import { useTheme } from '@/theme';

// Completes the Cognito hosted-UI popup on the web (no-op on devices).
WebBrowser.maybeCompleteAuthSession();
wireQueryToAppState();

/**
 * A link straight to a post (a shared link, a notification) opens it on top of the tabs, so
 * Back leads to the feed instead of out of the app.
 */
export const unstable_settings = { initialRouteName: '(tabs)' };

export default function RootLayout() {
  return (
    <AppProviders>
      <Navigation />
    </AppProviders>
  );
}

function Navigation() {
  const { scheme, colors } = useTheme();
  const router = useRouter();
  useEffect(() => onNotificationOpened((url) => router.push(url as never)), [router]);
  useEffect(() => {
    if (Platform.OS !== 'web' || typeof document === 'undefined') return;
    // The feed has its own pull to refresh; the browser's would reload the whole app.
    document.documentElement.style.setProperty('overscroll-behavior-y', 'contain');
    document.documentElement.style.setProperty('color-scheme', scheme);
    document.body.style.setProperty('background-color', colors.background);
  }, [scheme, colors.background]);
  const navTheme = useMemo(() => {
    const base = scheme === 'dark' ? DarkTheme : DefaultTheme;
    return {
      ...base,
      colors: {
        ...base.colors,
        primary: colors.primary,
        background: colors.background,
        card: colors.background,
        text: colors.text,
        border: colors.border,
      },
    };
  }, [scheme, colors]);
  return (
    <NavigationThemeProvider value={navTheme}>
      <StatusBar style={scheme === 'dark' ? 'light' : 'dark'} />
      <View style={{ flex: 1 }}>
        <Stack
          screenOptions={{
            headerShadowVisible: false,
            headerLeft: () => <HeaderBack />,
            headerTitle: ({ children }) => <ScreenTitle>{children}</ScreenTitle>,
          }}>
          <Stack.Screen name="(tabs)" options={{ headerShown: false }} />
          <Stack.Screen name="post/[id]" options={{ title: '' }} />
          <Stack.Screen name="request/[id]" options={{ title: 'Your post' }} />
          <Stack.Screen name="review/[id]" options={{ title: 'Review draft' }} />
          <Stack.Screen name="sign-in" options={{ title: 'Sign in', presentation: 'modal' }} />
        </Stack>
        <NoticeBanner />
      </View>
    </NavigationThemeProvider>
  );
}
