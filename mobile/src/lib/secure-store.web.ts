/**
 * The web has no keychain: tokens live in localStorage (through AsyncStorage), scoped to the
 * app's origin. Acceptable for the dev token and short-lived Cognito tokens.
 */
import AsyncStorage from '@react-native-async-storage/async-storage';

export const secureStore = {
  get: (key: string) => AsyncStorage.getItem(key),
  set: (key: string, value: string) => AsyncStorage.setItem(key, value),
  remove: (key: string) => AsyncStorage.removeItem(key),
};
