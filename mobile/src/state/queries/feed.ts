import { useInfiniteQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { useApi } from '@/api/context';
import type { FeedItem, FeedPage } from '@/api/types';
import { useAppConfig } from '@/state/app-config';
import { STALE } from '@/state/query-client';

export const FEED_ROOT = 'feed';
export const feedQueryKey = (tag?: string) => [FEED_ROOT, { tag: tag ?? null }] as const;

export type FeedData = InfiniteData<FeedPage, string | undefined>;

export function useFeedQuery(tag?: string) {
  const api = useApi();
  const { feedPageSize } = useAppConfig();
  return useInfiniteQuery({
    queryKey: feedQueryKey(tag),
    queryFn: ({ pageParam, signal }) =>
      api.getFeed({ limit: feedPageSize, cursor: pageParam, tag }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    staleTime: STALE.SECONDS.THIRTY,
  });
}

/**
 * Pull to refresh: keep only the first page, then refetch it, so a refresh costs one
 * request however far the reader had scrolled.
 */
export function useRefreshFeed(tag?: string) {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const key = feedQueryKey(tag);
    queryClient.setQueryData<FeedData>(key, (data) =>
      data ? { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) } : data,
    );
    await queryClient.refetchQueries({ queryKey: key, exact: true });
  }, [queryClient, tag]);
}

/** Applies `fn` to the feed item `id` in every cached feed (all tags). */
export function updateFeedItem(queryClient: QueryClient, id: string, fn: (item: FeedItem) => FeedItem): void {
  queryClient.setQueriesData<FeedData>({ queryKey: [FEED_ROOT] }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === id ? fn(item) : item)),
          })),
        }
      : data,
  );
}
