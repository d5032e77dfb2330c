import { useLocalSearchParams } from 'expo-router';

import { DraftScreen } from '@/screens/DraftScreen';

export default function ReviewDraftRoute() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return <DraftScreen id={id} />;
}
