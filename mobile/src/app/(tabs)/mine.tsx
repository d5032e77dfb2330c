import { MyPostsScreen } from '@/screens/MyPostsScreen';

export default function MyPostsRoute() {
  return <MyPostsScreen />;
}
