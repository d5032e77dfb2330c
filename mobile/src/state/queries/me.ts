import { useQuery } from '@tanstack/react-query';

import { useApi } from '@/api/context';
import { STALE } from '@/state/query-client';
import { useSession } from '@/state/session';

export const ME_ROOT = 'me';
export const meQueryKey = () => [ME_ROOT] as const;

/**
 * `GET /me` for the signed-in reader (nothing is asked when signed out). The session resets it when
 * someone else signs in, so one user's editor rights never show for another.
 */
export function useMeQuery() {
  const api = useApi();
  const { session } = useSession();
  return useQuery({
    queryKey: meQueryKey(),
    queryFn: ({ signal }) => api.getMe({ signal }),
    enabled: !!session,
    staleTime: STALE.MINUTES.FIVE,
  });
}

/** Whether to offer the Review tab: signed in, and the server says this user is an editor. */
export function useIsEditor(): boolean {
  const { session } = useSession();
  const me = useMeQuery();
  return !!session && me.data?.editor === true;
}
