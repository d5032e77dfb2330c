import { useLocalSearchParams } from 'expo-router';

import { FeedScreen } from '@/screens/FeedScreen';

export default function FeedRoute() {
  const { tag } = useLocalSearchParams<{ tag?: string }>();
  return <FeedScreen tag={tag || undefined} />;
}
