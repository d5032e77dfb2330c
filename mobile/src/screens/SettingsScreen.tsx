import { useQueryClient } from '@tanstack/react-query';
import Constants from 'expo-constants';
import { useRouter } from 'expo-router';
import { useState } from 'react';
import { ScrollView, StyleSheet, Text, TextInput, View } from 'react-native';

import { env } from '@/config/env';
import { Button } from '@/components/Button';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { useSession } from '@/state/session';
import { normalizeApiUrl, THEME_PREFERENCES, useSettings, type ThemePreference } from '@/state/settings';
import { radius, spacing, useTheme } from '@/theme';

const THEME_NAMES: Record<ThemePreference, string> = { light: 'Light', dark: 'Dark', system: 'System' };

export function SettingsScreen() {
  const { colors } = useTheme();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { settings, update } = useSettings();
  const { session, signOut } = useSession();
  const [apiUrl, setApiUrl] = useState(settings.apiUrl);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const saveApiUrl = (value: string) => {
    const normalized = normalizeApiUrl(value);
    if (!normalized) {
      setMessage({ text: 'Enter an address like http://localhost:3000', error: true });
      return;
    }
    setApiUrl(normalized);
    if (normalized !== settings.apiUrl) {
      // Another server: what we cached (and our likes) belong to the old one.
      queryClient.clear();
      update({ apiUrl: normalized });
    }
    setMessage({ text: `Using ${normalized}`, error: false });
  };

  return (
    <ScrollView
      testID="settings-screen"
      style={{ backgroundColor: colors.background }}
      contentContainerStyle={styles.content}
      keyboardShouldPersistTaps="handled">
      <View style={[styles.card, { backgroundColor: colors.surface, borderColor: colors.border }]}>
        <Text nativeID="api-url-label" style={[styles.cardTitle, { color: colors.text }]}>
          API base URL
        </Text>
        <TextInput
          testID="api-url-input"
          accessibilityLabel="API base URL"
          accessibilityLabelledBy="api-url-label"
          value={apiUrl}
          onChangeText={(t) => {
            setApiUrl(t);
            setMessage(null);
          }}
          autoCapitalize="none"
          autoCorrect={false}
          keyboardType="url"
          inputMode="url"
          onSubmitEditing={() => saveApiUrl(apiUrl)}
          style={[styles.input, { color: colors.text, borderColor: message?.error ? colors.danger : colors.border }]}
        />
        {message ? (
          <Text testID="api-url-message" accessibilityLiveRegion="polite" style={{ color: message.error ? colors.danger : colors.success }}>
            {message.text}
          </Text>
        ) : null}
        <View style={styles.row}>
          <Button testID="api-url-save" label="Save" onPress={() => saveApiUrl(apiUrl)} accessibilityLabel="Save API base URL" />
          <Button
            testID="api-url-reset"
            label="Reset"
            variant="secondary"
            accessibilityLabel={`Reset API base URL to ${env.defaultApiUrl}`}
            onPress={() => saveApiUrl(env.defaultApiUrl)}
          />
        </View>
      </View>

      <View style={[styles.card, { backgroundColor: colors.surface, borderColor: colors.border }]}>
        <ChoiceGroup
          label="Theme"
          options={THEME_PREFERENCES}
          value={settings.theme}
          onChange={(theme) => update({ theme })}
          describe={(t) => THEME_NAMES[t]}
          testID="theme"
        />
      </View>

      <View style={[styles.card, { backgroundColor: colors.surface, borderColor: colors.border }]}>
        <Text style={[styles.cardTitle, { color: colors.text }]}>Account</Text>
        <Text testID="account-status" style={{ color: colors.textMuted }}>
          {session
            ? session.kind === 'dev'
              ? 'Signed in with the dev token.'
              : `Signed in with Cognito${session.username ? ` as ${session.username}` : ''}.`
            : 'Not signed in. Reading needs no account.'}
        </Text>
        {session ? (
          <Button testID="settings-sign-out" label="Sign out" variant="secondary" onPress={() => void signOut()} />
        ) : (
          <Button testID="settings-sign-in" label="Sign in" onPress={() => router.push('/sign-in')} />
        )}
      </View>

      <Text style={{ color: colors.textMuted, textAlign: 'center', fontSize: 12 }}>
        AI Blog {Constants.expoConfig?.version ?? ''} · {env.cognito ? 'Cognito configured' : 'local sign-in only'}
      </Text>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: spacing.lg, gap: spacing.lg },
  card: { padding: spacing.lg, gap: spacing.md, borderRadius: radius.lg, borderWidth: StyleSheet.hairlineWidth },
  cardTitle: { fontSize: 17, fontWeight: '700' },
  input: { borderWidth: 1, borderRadius: radius.md, padding: spacing.md, fontSize: 16, minHeight: 44 },
  row: { flexDirection: 'row', gap: spacing.md },
});
