import type { Href, useRouter } from 'expo-router';

type Router = ReturnType<typeof useRouter>;

/**
 * Opens a tab (with params) from a screen stacked above the tabs (a post, a request): the stack is
 * dismissed first, so the reader lands in the one tab bar instead of a second copy of it.
 */
export function goToTab(router: Pick<Router, 'canDismiss' | 'dismissAll' | 'navigate'>, href: Href): void {
  if (router.canDismiss()) router.dismissAll();
  router.navigate(href);
}
