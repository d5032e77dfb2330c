import { useQuery } from '@tanstack/react-query';

import { useApi } from '@/api/context';
import { STALE } from '@/state/query-client';

export const POST_ROOT = 'post';
export const postQueryKey = (id: string) => [POST_ROOT, id] as const;

export function usePostQuery(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: postQueryKey(id),
    queryFn: ({ signal }) => api.getPost(id, { signal }),
    staleTime: STALE.MINUTES.ONE,
  });
}
