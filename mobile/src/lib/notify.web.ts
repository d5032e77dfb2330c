/** The web has the in-app banner only: no local notifications from a tab that may be in the background. */
export async function askForNotificationPermission(): Promise<void> {}

export async function notifyLocally(_title: string, _body: string, _url: string): Promise<void> {}

export function onNotificationOpened(_open: (url: string) => void): () => void {
  return () => {};
}
