/**
 * Sharing a post's link (its public page, `GET /p/{id}`, which anyone can open without the app):
 * the platform's share sheet where there is one (phones, browsers with the Web Share API), and
 * otherwise the link copied to the clipboard.
 */
import * as Clipboard from 'expo-clipboard';
import { Platform, Share } from 'react-native';

export type ShareOutcome = 'shared' | 'copied' | 'dismissed' | 'failed';

export async function copyLink(url: string): Promise<boolean> {
  try {
    await Clipboard.setStringAsync(url);
    return true;
  } catch {
    return false;
  }
}

export async function shareLink({ title, url }: { title: string; url: string }): Promise<ShareOutcome> {
  if (Platform.OS === 'web') {
    const nav = typeof navigator === 'undefined' ? undefined : navigator;
    if (nav?.share && (!nav.canShare || nav.canShare({ title, url }))) {
      try {
        await nav.share({ title, url });
        return 'shared';
      } catch (e) {
        if (e instanceof Error && e.name === 'AbortError') return 'dismissed';
        // fall through to copying
      }
    }
    return (await copyLink(url)) ? 'copied' : 'failed';
  }
  try {
    // iOS shares `url` as a link; Android only sends `message`.
    const result = await Share.share(
      Platform.OS === 'ios' ? { title, url, message: title } : { title, message: `${title}\n${url}` },
      { dialogTitle: 'Share this post', subject: title },
    );
    return result.action === Share.dismissedAction ? 'dismissed' : 'shared';
  } catch {
    return (await copyLink(url)) ? 'copied' : 'failed';
  }
}
