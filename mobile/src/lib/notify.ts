/**
 * Local notifications on a phone (expo-notifications): a post that finishes while the reader is
 * elsewhere lands in the notification centre, and tapping it opens the post. While the app is in
 * front, the in-app banner says it instead, so the system banner stays quiet.
 */
import * as Notifications from 'expo-notifications';

let configured = false;

function configure(): void {
  if (configured) return;
  configured = true;
  Notifications.setNotificationHandler({
    handleNotification: async () => ({
      shouldShowBanner: false,
      shouldShowList: true,
      shouldPlaySound: false,
      shouldSetBadge: false,
    }),
  });
}

/** Asks once, when the reader first makes a post (the moment a notification makes sense). */
export async function askForNotificationPermission(): Promise<void> {
  try {
    configure();
    const { status } = await Notifications.getPermissionsAsync();
    if (status !== 'granted') await Notifications.requestPermissionsAsync();
  } catch {
    // No notifications on this device: the in-app banner still works.
  }
}

export async function notifyLocally(title: string, body: string, url: string): Promise<void> {
  try {
    configure();
    await Notifications.scheduleNotificationAsync({ content: { title, body, data: { url } }, trigger: null });
  } catch {
    // Permission refused or unsupported: nothing to do.
  }
}

/** Calls `open` with the app path of a tapped notification (also the one that launched the app). */
export function onNotificationOpened(open: (url: string) => void): () => void {
  const handle = (response: Notifications.NotificationResponse | null) => {
    const url = response?.notification.request.content.data?.url;
    if (typeof url === 'string' && url.startsWith('/')) open(url);
  };
  try {
    handle(Notifications.getLastNotificationResponse());
  } catch {
    // not available
  }
  const sub = Notifications.addNotificationResponseReceivedListener(handle);
  return () => sub.remove();
}
