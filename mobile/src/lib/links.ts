import * as Linking from 'expo-linking';

/** A link that opens the post in the app: the page's own URL on the web, `aiblog://` on a device. */
export function postLink(id: string): string {
  const path = `/post/${encodeURIComponent(id)}`;
  try {
    return Linking.createURL(path);
  } catch {
    // No scheme known (e.g. a bare test environment): fall back to app.json's.
    return `aiblog:/${path}`;
  }
}
