import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';

import { useApi } from '@/api/context';
import { isTerminal, type RequestPage } from '@/api/types';
import { useAppConfig } from '@/state/app-config';

export const MY_REQUESTS_ROOT = 'my-requests';
export const myRequestsQueryKey = () => [MY_REQUESTS_ROOT] as const;
export type MyRequestsData = InfiniteData<RequestPage, string | undefined>;

const PAGE = 20;

/** While a request waits for an editor (which can take days), the list is asked for this often. */
export const REVIEW_POLL_MS = 30_000;

/** Any request being written (queued or running): worth polling often. */
export function hasActive(data: MyRequestsData | undefined): boolean {
  return !!data?.pages.some((page) =>
    page.items.some((r) => !isTerminal(r.status) && r.status !== 'AWAITING_REVIEW'),
  );
}

/** Any request waiting for an editor. */
export function hasAwaitingReview(data: MyRequestsData | undefined): boolean {
  return !!data?.pages.some((page) => page.items.some((r) => r.status === 'AWAITING_REVIEW'));
}

/**
 * The reader's own requests (`GET /requests`), newest first. While any is still queued or
 * running (or `alsoPollWhile` says a new one may not be listed yet), the loaded pages are polled;
 * every half minute while one only waits for an editor.
 */
export function useMyRequestsQuery({
  enabled,
  alsoPollWhile,
}: {
  enabled: boolean;
  alsoPollWhile?: () => boolean;
}) {
  const api = useApi();
  const { requestPollMs } = useAppConfig();
  return useInfiniteQuery({
    queryKey: myRequestsQueryKey(),
    queryFn: ({ pageParam, signal }) => api.listRequests({ limit: PAGE, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    staleTime: 0,
    refetchInterval: (query) =>
      hasActive(query.state.data) || alsoPollWhile?.()
        ? requestPollMs
        : hasAwaitingReview(query.state.data)
          ? Math.max(requestPollMs, REVIEW_POLL_MS)
          : false,
  });
}
