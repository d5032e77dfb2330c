import { SavedScreen } from '@/screens/SavedScreen';

export default function SavedRoute() {
  return <SavedScreen />;
}
