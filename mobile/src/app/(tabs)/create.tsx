import { useLocalSearchParams } from 'expo-router';

import { CreateScreen } from '@/screens/CreateScreen';

export default function CreateRoute() {
  const { topic } = useLocalSearchParams<{ topic?: string }>();
  return <CreateScreen initialTopic={topic || undefined} />;
}
