import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { useApi } from '@/api/context';
import type { BlogPost } from '@/api/types';
import { STALE } from '@/state/query-client';

import { FEED_ROOT, updateFeedItem, type FeedData } from './feed';
import { postQueryKey } from './post';

/**
 * Whether the signed-in user likes a post. The API does not say (likes are idempotent per
 * user and reads are public), so the app remembers what it set; this lives in the query
 * cache so it is persisted and rolled back with the counts.
 */
export const LIKED_ROOT = 'liked';
export const likedQueryKey = (id: string) => [LIKED_ROOT, id] as const;

export function useLikedState(id: string): boolean {
  // Never fetched: false until this app likes the post, then whatever the server confirmed.
  const { data } = useQuery({
    queryKey: likedQueryKey(id),
    queryFn: () => false,
    initialData: false,
    // Older than anything persisted, so a restored cache wins over this default.
    initialDataUpdatedAt: 0,
    staleTime: STALE.INFINITY,
  });
  return data;
}

function setLikes(queryClient: QueryClient, id: string, fn: (likes: number) => number) {
  queryClient.setQueryData<BlogPost>(postQueryKey(id), (post) =>
    post ? { ...post, likes: fn(post.likes) } : post,
  );
  updateFeedItem(queryClient, id, (item) => ({ ...item, likes: fn(item.likes) }));
}

interface Snapshot {
  liked: boolean | undefined;
  post: BlogPost | undefined;
  feeds: [readonly unknown[], FeedData | undefined][];
}

/** Like / unlike with an optimistic update that is rolled back if the server says no. */
export function useLikeMutation(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation<Awaited<ReturnType<typeof api.setLiked>>, Error, boolean, Snapshot>({
    // One post's likes go to the server in order, so a rollback never overtakes a later tap.
    scope: { id: `like:${id}` },
    mutationFn: (liked) => api.setLiked(id, liked),
    onMutate: async (liked) => {
      await Promise.all([
        queryClient.cancelQueries({ queryKey: postQueryKey(id) }),
        queryClient.cancelQueries({ queryKey: [FEED_ROOT] }),
      ]);
      const snapshot: Snapshot = {
        liked: queryClient.getQueryData<boolean>(likedQueryKey(id)),
        post: queryClient.getQueryData<BlogPost>(postQueryKey(id)),
        feeds: queryClient.getQueriesData<FeedData>({ queryKey: [FEED_ROOT] }),
      };
      const wasLiked = snapshot.liked ?? false;
      const delta = liked === wasLiked ? 0 : liked ? 1 : -1;
      queryClient.setQueryData(likedQueryKey(id), liked);
      setLikes(queryClient, id, (n) => Math.max(0, n + delta));
      return snapshot;
    },
    onError: (_error, _liked, snapshot) => {
      if (!snapshot) return;
      queryClient.setQueryData(likedQueryKey(id), snapshot.liked ?? false);
      queryClient.setQueryData(postQueryKey(id), snapshot.post);
      for (const [key, data] of snapshot.feeds) queryClient.setQueryData(key, data);
    },
    onSuccess: (result) => {
      queryClient.setQueryData(likedQueryKey(id), result.liked);
      setLikes(queryClient, id, () => result.likes);
    },
  });
}
