import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { useApi } from '@/api/context';
import type { BlogPost } from '@/api/types';

import { FEED_ROOT, updateFeedItem, type FeedData } from './feed';
import { postQueryKey } from './post';

/**
 * Whether the signed-in reader likes a post: what the server said (`likedByMe` of
 * `GET /blogs/{id}`, read with the reader's token), then what this app set since.
 */
export function isLiked(post: BlogPost): boolean {
  return post.likedByMe === true;
}

function setLikes(
  queryClient: QueryClient,
  id: string,
  liked: boolean | null,
  fn: (likes: number) => number,
) {
  queryClient.setQueryData<BlogPost>(postQueryKey(id), (post) =>
    post ? { ...post, likedByMe: liked ?? post.likedByMe, likes: fn(post.likes) } : post,
  );
  updateFeedItem(queryClient, id, (item) => ({ ...item, likes: fn(item.likes) }));
}

interface Snapshot {
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
        post: queryClient.getQueryData<BlogPost>(postQueryKey(id)),
        feeds: queryClient.getQueriesData<FeedData>({ queryKey: [FEED_ROOT] }),
      };
      const wasLiked = snapshot.post ? isLiked(snapshot.post) : false;
      const delta = liked === wasLiked ? 0 : liked ? 1 : -1;
      setLikes(queryClient, id, liked, (n) => Math.max(0, n + delta));
      return snapshot;
    },
    onError: (_error, _liked, snapshot) => {
      if (!snapshot) return;
      queryClient.setQueryData(postQueryKey(id), snapshot.post);
      for (const [key, data] of snapshot.feeds) queryClient.setQueryData(key, data);
    },
    onSuccess: (result) => {
      setLikes(queryClient, id, result.liked, () => result.likes);
    },
  });
}
