import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback } from 'react';

import { useApi } from '@/api/context';
import { isApiError, type Draft, type ReviewDecision, type ReviewPage } from '@/api/types';
import { STALE } from '@/state/query-client';

import { FEED_ROOT } from './feed';
import { MY_REQUESTS_ROOT } from './my-requests';

export const REVIEWS_ROOT = 'reviews';
export const REVIEW_ROOT = 'review';
export const reviewsQueryKey = () => [REVIEWS_ROOT] as const;
export const reviewQueryKey = (id: string) => [REVIEW_ROOT, id] as const;

export type ReviewsData = InfiniteData<ReviewPage, string | undefined>;

const PAGE = 20;

/** The review queue (`GET /reviews`), oldest first, a page at a time. */
export function useReviewsQuery({ enabled }: { enabled: boolean }) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: reviewsQueryKey(),
    queryFn: ({ pageParam, signal }) => api.listReviews({ limit: PAGE, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    staleTime: STALE.SECONDS.FIFTEEN,
  });
}

/** Pull to refresh: the first page only, however far the editor had scrolled. */
export function useRefreshReviews() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const key = reviewsQueryKey();
    queryClient.setQueryData<ReviewsData>(key, (data) =>
      data ? { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) } : data,
    );
    await queryClient.refetchQueries({ queryKey: key, exact: true });
  }, [queryClient]);
}

/** One whole draft (`GET /reviews/{id}`). One that is no longer awaiting review (404) leaves the queue. */
export function useReviewQuery(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: reviewQueryKey(id),
    queryFn: async ({ signal }) => {
      try {
        return await api.getReview(id, { signal });
      } catch (e) {
        if (isApiError(e) && e.code === 'NOT_FOUND') removeFromQueue(queryClient, id, { keepDraft: true });
        throw e;
      }
    },
    staleTime: STALE.SECONDS.THIRTY,
  });
}

/** Takes a draft out of the cached queue (decided here, or by someone else, or timed out). */
export function removeFromQueue(
  queryClient: QueryClient,
  id: string,
  opts: { keepDraft?: boolean } = {},
): void {
  queryClient.setQueryData<ReviewsData>(reviewsQueryKey(), (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.filter((item) => item.requestId !== id),
          })),
        }
      : data,
  );
  if (!opts.keepDraft) queryClient.removeQueries({ queryKey: reviewQueryKey(id), exact: true });
}

/** Whether a decision failed because the draft is no longer awaiting review: decided elsewhere, or timed out. */
export function isGone(e: unknown): boolean {
  return isApiError(e) && (e.code === 'CONFLICT' || e.status === 409 || e.code === 'NOT_FOUND');
}

/**
 * Approve (with the editor's edits) or reject (with a reason). Either way, or when the server says the
 * draft is gone (409), it leaves the queue; an approval is published in moments, so the feed is asked
 * for again.
 */
export function useDecideReviewMutation(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['decide-review', id],
    mutationFn: (decision: ReviewDecision) => api.decideReview(id, decision),
    onSuccess: (_outcome, decision) => {
      removeFromQueue(queryClient, id);
      void queryClient.invalidateQueries({ queryKey: reviewsQueryKey() });
      void queryClient.invalidateQueries({ queryKey: [MY_REQUESTS_ROOT] });
      if (decision.decision === 'approve') void queryClient.invalidateQueries({ queryKey: [FEED_ROOT] });
    },
    onError: (e) => {
      if (!isGone(e)) return;
      removeFromQueue(queryClient, id);
      void queryClient.invalidateQueries({ queryKey: reviewsQueryKey() });
    },
  });
}

export type { Draft };
