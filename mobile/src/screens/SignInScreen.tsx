import * as AuthSession from 'expo-auth-session';
import { useRouter } from 'expo-router';
import { useEffect, useState } from 'react';
import { Platform, ScrollView, StyleSheet, Text, TextInput, View } from 'react-native';

import { useApi } from '@/api/context';
import { errorMessage } from '@/api/types';
import { env, type CognitoConfig } from '@/config/env';
import { Button } from '@/components/Button';
import { cognitoDiscovery, cognitoRedirectUri, tokensFrom } from '@/lib/cognito';
import { useSession } from '@/state/session';
import { useSettings } from '@/state/settings';
import { radius, spacing, useTheme } from '@/theme';

const REASONS: Record<string, string> = {
  like: 'Sign in to like posts.',
  create: 'Sign in to write posts.',
  expired: 'Your sign-in has expired. Sign in again to carry on.',
};

/** True for an API on this machine (or the Android emulator's view of it). */
export function isLocalApi(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return ['localhost', '127.0.0.1', '::1', '[::1]', '10.0.2.2'].includes(host);
  } catch {
    return false;
  }
}

export function SignInScreen({
  reason,
  cognito = env.cognito,
}: {
  reason?: string;
  cognito?: CognitoConfig | null;
}) {
  const { colors } = useTheme();
  const router = useRouter();
  const { settings } = useSettings();
  const { session, expired, signOut } = useSession();
  const done = () => (router.canGoBack() ? router.back() : router.replace('/'));
  const showDevToken = !cognito || isLocalApi(settings.apiUrl);

  if (session && !expired) {
    return (
      <View
        testID="signed-in"
        role="main"
        style={[styles.fill, styles.content, { backgroundColor: colors.background }]}>
        <Text accessibilityRole="header" style={[styles.heading, { color: colors.text }]}>
          You’re signed in
        </Text>
        <Text style={{ color: colors.textMuted }}>
          {session.kind === 'dev'
            ? 'On this computer’s AI Blog server.'
            : session.username
              ? `As ${session.username}.`
              : 'You can like and write posts.'}
        </Text>
        <Button label="Done" onPress={done} testID="sign-in-done" />
        <Button label="Sign out" variant="secondary" onPress={() => void signOut()} testID="sign-out" />
      </View>
    );
  }

  return (
    <ScrollView
      role="main"
      style={{ backgroundColor: colors.background }}
      contentContainerStyle={styles.content}
      keyboardShouldPersistTaps="handled">
      <Text accessibilityRole="header" style={[styles.heading, { color: colors.text }]}>
        Sign in
      </Text>
      <Text style={{ color: colors.textMuted }}>
        {(reason && REASONS[reason]) ??
          'Reading needs no account. Sign in to like posts and to write your own.'}
      </Text>
      {cognito ? <CognitoSignIn config={cognito} onSignedIn={done} /> : null}
      {showDevToken ? <DevTokenSignIn onSignedIn={done} /> : null}
    </ScrollView>
  );
}

function CognitoSignIn({ config, onSignedIn }: { config: CognitoConfig; onSignedIn: () => void }) {
  const { colors } = useTheme();
  const { signInWithCognito } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const discovery = cognitoDiscovery(config);
  const redirectUri = cognitoRedirectUri();
  const [request, response, promptAsync] = AuthSession.useAuthRequest(
    {
      clientId: config.clientId,
      scopes: config.scopes,
      redirectUri,
      responseType: AuthSession.ResponseType.Code,
      usePKCE: true,
    },
    discovery,
  );

  useEffect(() => {
    if (!response || !request) return;
    if (response.type === 'error') {
      setError(response.error?.message ?? 'Sign-in failed.');
      return;
    }
    if (response.type !== 'success') return;
    setBusy(true);
    AuthSession.exchangeCodeAsync(
      {
        clientId: config.clientId,
        code: response.params.code!,
        redirectUri,
        extraParams: { code_verifier: request.codeVerifier ?? '' },
      },
      discovery,
    )
      .then((tokens) => signInWithCognito(tokensFrom(tokens)))
      .then(onSignedIn)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : 'Sign-in failed.'))
      .finally(() => setBusy(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [response]);

  return (
    <View style={[styles.card, { backgroundColor: colors.surface, borderColor: colors.border }]}>
      <Text style={[styles.cardTitle, { color: colors.text }]}>Your AI Blog account</Text>
      <Button
        testID="sign-in-cognito"
        label="Sign in or create an account"
        accessibilityHint="Opens the sign-in page in a browser"
        disabled={!request}
        loading={busy}
        onPress={() => {
          setError(null);
          void promptAsync();
        }}
      />
      {error ? (
        <Text accessibilityRole="alert" style={{ color: colors.danger }}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

function DevTokenSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { colors } = useTheme();
  const api = useApi();
  const { signInWithDevToken } = useSession();
  const [token, setToken] = useState(env.devToken);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const submit = async () => {
    const value = token.trim();
    if (!value) {
      setError('Paste the dev token that ./aiblog serve printed.');
      return;
    }
    setChecking(true);
    setError(null);
    try {
      // Ask the server before keeping the token: a typo shows here, not on the first like.
      if (!(await api.checkToken(value))) {
        setError(
          'The server didn’t accept that token. Copy it again from ./aiblog serve (or .aiblog/dev-token).',
        );
        return;
      }
      await signInWithDevToken(value);
      onSignedIn();
    } catch (e) {
      setError(`Couldn’t check the token. ${errorMessage(e)}`);
    } finally {
      setChecking(false);
    }
  };
  return (
    <View style={[styles.card, { backgroundColor: colors.surface, borderColor: colors.border }]}>
      <Text style={[styles.cardTitle, { color: colors.text }]}>This computer’s server</Text>
      <Text style={{ color: colors.textMuted }}>
        <Text style={styles.code}>./aiblog serve</Text> prints a dev token when it starts (it is also in{' '}
        <Text style={styles.code}>.aiblog/dev-token</Text>). Paste it here.
      </Text>
      <TextInput
        testID="dev-token-input"
        accessibilityLabel="Dev token"
        value={token}
        onChangeText={(t) => {
          setToken(t);
          setError(null);
        }}
        autoCapitalize="none"
        autoCorrect={false}
        secureTextEntry
        placeholder="dev token"
        placeholderTextColor={colors.textMuted}
        onSubmitEditing={() => void submit()}
        style={[styles.input, { color: colors.text, borderColor: error ? colors.danger : colors.border }]}
      />
      {error ? (
        <Text
          testID="dev-token-error"
          role="alert"
          accessibilityRole="alert"
          style={{ color: colors.danger }}>
          {error}
        </Text>
      ) : null}
      <Button testID="sign-in-dev" label="Use dev token" loading={checking} onPress={() => void submit()} />
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  content: { padding: spacing.lg, gap: spacing.lg },
  heading: { fontSize: 24, fontWeight: '800' },
  card: {
    padding: spacing.lg,
    gap: spacing.md,
    borderRadius: radius.lg,
    borderWidth: StyleSheet.hairlineWidth,
  },
  cardTitle: { fontSize: 17, fontWeight: '700' },
  code: { fontFamily: Platform.select({ ios: 'Menlo', android: 'monospace', default: 'monospace' }) },
  input: { borderWidth: 1, borderRadius: radius.md, padding: spacing.md, fontSize: 16, minHeight: 44 },
});
