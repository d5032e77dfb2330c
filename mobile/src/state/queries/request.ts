import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { useApi } from '@/api/context';
import { isTerminal, type BlogRequest, type CreateBlogInput } from '@/api/types';
import { useAppConfig } from '@/state/app-config';
import { useRequestWatch } from '@/state/request-watch';

import { FEED_ROOT } from './feed';
import { MY_REQUESTS_ROOT, REVIEW_POLL_MS } from './my-requests';

export const REQUEST_ROOT = 'request';
export const requestQueryKey = (id: string) => [REQUEST_ROOT, id] as const;

/** Polls a generation request until it reaches PUBLISHED, REJECTED or FAILED (slowly while it awaits review). */
export function useRequestQuery(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { requestPollMs } = useAppConfig();
  const { seen } = useRequestWatch();
  return useQuery({
    queryKey: requestQueryKey(id),
    queryFn: async ({ signal }) => {
      const req = await api.getRequest(id, { signal });
      seen(req.requestId, req.status);
      if (req.status === 'PUBLISHED') {
        void queryClient.invalidateQueries({ queryKey: [FEED_ROOT] });
      }
      if (isTerminal(req.status)) void queryClient.invalidateQueries({ queryKey: [MY_REQUESTS_ROOT] });
      return req;
    },
    staleTime: 0,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (data && isTerminal(data.status)) return false;
      // An editor's review can take days: no need to ask every second.
      return data?.status === 'AWAITING_REVIEW' ? Math.max(requestPollMs, REVIEW_POLL_MS) : requestPollMs;
    },
  });
}

export interface CreatePostVariables {
  input: CreateBlogInput;
  idempotencyKey: string;
}

export function useCreatePostMutation() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { watch } = useRequestWatch();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: CreatePostVariables) => api.createPost(input, idempotencyKey),
    onSuccess: (result, { input }) => {
      // Show QUEUED at once; the request screen's first poll replaces it.
      const now = new Date().toISOString();
      queryClient.setQueryData<BlogRequest>(requestQueryKey(result.requestId), {
        requestId: result.requestId,
        topic: input.topic,
        status: result.status,
        step: null,
        createdAt: now,
        updatedAt: now,
        reason: null,
        categories: [],
        postId: null,
      });
      watch(result.requestId);
    },
  });
}
