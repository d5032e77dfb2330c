import { ReviewQueueScreen } from '@/screens/ReviewQueueScreen';

export default function ReviewRoute() {
  return <ReviewQueueScreen />;
}
