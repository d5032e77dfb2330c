import { useQueryClient } from '@tanstack/react-query';
import Constants from 'expo-constants';
import { useRouter } from 'expo-router';
import { useState } from 'react';
import { ScrollView, StyleSheet, Text, TextInput, View } from 'react-native';

import { env } from '@/config/env';
import { Button } from '@/components/Button';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { articleStyles } from '@/components/Markdown';
import { useSession } from '@/state/session';
import {
  normalizeApiUrl,
  TEXT_SIZES,
  THEME_PREFERENCES,
  useSettings,
  type TextSize,
  type ThemePreference,
} from '@/state/settings';
import { radius, READING_WIDTH, spacing, TEXT_SCALES, TOUCH, useTheme } from '@/theme';

const THEME_NAMES: Record<ThemePreference, string> = {
  light: 'Light',
  dark: 'Dark',
  system: 'Same as device',
};
const SIZE_NAMES: Record<TextSize, string> = {
  small: 'Small',
  medium: 'Medium',
  large: 'Large',
  xlarge: 'Extra large',
};

function Section({ title, children, testID }: { title: string; children: React.ReactNode; testID?: string }) {
  const { colors } = useTheme();
  return (
    <View testID={testID} style={styles.section}>
      <Text
        aria-level={2}
        accessibilityRole="header"
        style={[styles.sectionTitle, { color: colors.textMuted }]}>
        {title}
      </Text>
      <View style={[styles.card, { backgroundColor: colors.surface, borderColor: colors.border }]}>
        {children}
      </View>
    </View>
  );
}

/** What readers change first (text size, theme, account); what developers need last. */
export function SettingsScreen() {
  const { colors } = useTheme();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { settings, update } = useSettings();
  const { session, expired, signOut } = useSession();
  const [apiUrl, setApiUrl] = useState(settings.apiUrl);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const preview = articleStyles(colors, TEXT_SCALES[settings.textSize]).text;

  const saveApiUrl = (value: string) => {
    const normalized = normalizeApiUrl(value);
    if (!normalized) {
      setMessage({ text: 'Enter an address like http://localhost:3000', error: true });
      return;
    }
    setApiUrl(normalized);
    if (normalized !== settings.apiUrl) {
      // Another server: what we cached belongs to the old one.
      queryClient.clear();
      update({ apiUrl: normalized });
    }
    setMessage({ text: `Using ${normalized}`, error: false });
  };

  return (
    <ScrollView
      testID="settings-screen"
      role="main"
      style={{ backgroundColor: colors.background }}
      contentContainerStyle={styles.content}
      keyboardShouldPersistTaps="handled">
      <Section title="Reading" testID="settings-reading">
        <ChoiceGroup
          label="Text size"
          options={TEXT_SIZES}
          value={settings.textSize}
          onChange={(textSize) => update({ textSize })}
          describe={(s) => SIZE_NAMES[s]}
          testID="text-size"
        />
        <Text testID="text-size-preview" style={[preview, styles.preview, { borderColor: colors.border }]}>
          Posts read like this. Pick the size that is comfortable for you.
        </Text>
        <ChoiceGroup
          label="Appearance"
          options={THEME_PREFERENCES}
          value={settings.theme}
          onChange={(theme) => update({ theme })}
          describe={(t) => THEME_NAMES[t]}
          testID="theme"
        />
      </Section>

      <Section title="Account" testID="settings-account">
        <Text
          testID="account-status"
          style={{ color: expired ? colors.danger : colors.text, lineHeight: 21 }}>
          {session
            ? expired
              ? 'Your sign-in has expired. Sign in again to like and write posts.'
              : session.kind === 'dev'
                ? 'Signed in to this computer’s AI Blog server.'
                : `Signed in${session.username ? ` as ${session.username}` : ''}.`
            : 'Not signed in. You can read everything; sign in to like and write posts.'}
        </Text>
        {session && !expired ? (
          <Button
            testID="settings-sign-out"
            label="Sign out"
            variant="secondary"
            onPress={() => void signOut()}
          />
        ) : (
          <Button
            testID="settings-sign-in"
            label={expired ? 'Sign in again' : 'Sign in'}
            onPress={() =>
              router.push(expired ? { pathname: '/sign-in', params: { reason: 'expired' } } : '/sign-in')
            }
          />
        )}
      </Section>

      <Section title="For developers" testID="settings-developers">
        <Text nativeID="api-url-label" style={[styles.label, { color: colors.text }]}>
          API server
        </Text>
        <Text style={{ color: colors.textMuted, lineHeight: 20 }}>
          Where the app reads posts from: a deployed stack’s API URL, or ./aiblog serve on this machine.
        </Text>
        <TextInput
          testID="api-url-input"
          accessibilityLabel="API server"
          aria-labelledby="api-url-label"
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
          style={[
            styles.input,
            { color: colors.text, borderColor: message?.error ? colors.danger : colors.border },
          ]}
        />
        {message ? (
          <Text
            testID="api-url-message"
            accessibilityLiveRegion="polite"
            style={{ color: message.error ? colors.danger : colors.success }}>
            {message.text}
          </Text>
        ) : null}
        <View style={styles.row}>
          <Button
            testID="api-url-save"
            label="Save"
            onPress={() => saveApiUrl(apiUrl)}
            accessibilityLabel="Save the API server"
          />
          <Button
            testID="api-url-reset"
            label="Reset"
            variant="secondary"
            accessibilityLabel={`Reset the API server to ${env.defaultApiUrl}`}
            onPress={() => saveApiUrl(env.defaultApiUrl)}
          />
        </View>
        <Text style={{ color: colors.textMuted, fontSize: 13 }}>
          AI Blog {Constants.expoConfig?.version ?? ''} · sign-in:{' '}
          {env.cognito ? 'Cognito' : 'local dev token'}
          {session?.kind === 'dev' ? ' (signed in with the dev token)' : ''}
        </Text>
      </Section>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: {
    padding: spacing.lg,
    gap: spacing.xl,
    width: '100%',
    maxWidth: READING_WIDTH,
    alignSelf: 'center',
  },
  section: { gap: spacing.sm },
  sectionTitle: {
    fontSize: 13,
    fontWeight: '700',
    textTransform: 'uppercase',
    letterSpacing: 0.6,
    paddingHorizontal: spacing.xs,
  },
  card: {
    padding: spacing.lg,
    gap: spacing.md,
    borderRadius: radius.lg,
    borderWidth: StyleSheet.hairlineWidth,
  },
  label: { fontSize: 15, fontWeight: '600' },
  preview: { borderLeftWidth: 3, paddingLeft: spacing.md },
  input: { borderWidth: 1, borderRadius: radius.md, padding: spacing.md, fontSize: 16, minHeight: TOUCH },
  row: { flexDirection: 'row', gap: spacing.md },
});
