import { useLocalSearchParams } from 'expo-router';

import { SignInScreen } from '@/screens/SignInScreen';

export default function SignInRoute() {
  const { reason } = useLocalSearchParams<{ reason?: string }>();
  return <SignInScreen reason={reason} />;
}
