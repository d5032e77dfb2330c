import { useLocalSearchParams } from 'expo-router';

import { PostScreen } from '@/screens/PostScreen';

export default function PostRoute() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return <PostScreen id={id} />;
}
