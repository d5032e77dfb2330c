import { SettingsScreen } from '@/screens/SettingsScreen';

export default SettingsScreen;
