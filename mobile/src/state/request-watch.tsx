import { useQueryClient } from '@tanstack/react-query';
import { usePathname } from 'expo-router';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from 'react';

import { isTerminal, type BlogRequest, type RequestState } from '@/api/types';
import { askForNotificationPermission, notifyLocally } from '@/lib/notify';
import { rejectedByEditor } from '@/lib/request-status';
import { useNotices, type Notice } from '@/state/notices';
import { useSession } from '@/state/session';

import { MY_REQUESTS_ROOT, useMyRequestsQuery } from './queries/my-requests';

interface RequestWatchValue {
  /** A request this app just made: tell the reader when it ends, even if it ends before it is listed. */
  watch: (requestId: string) => void;
  /** The reader saw this status on the request's own screen: no need to tell them again. */
  seen: (requestId: string, status: RequestState) => void;
}

const RequestWatchContext = createContext<RequestWatchValue | null>(null);

/** What to tell the reader when their request ends. */
export function outcomeNotice(request: BlogRequest): Notice | null {
  const topic = `“${request.topic}”`;
  switch (request.status) {
    case 'PUBLISHED':
      return {
        tone: 'success',
        title: 'Your post is published',
        message: topic,
        action: request.postId
          ? { label: 'Read it', href: `/post/${encodeURIComponent(request.postId)}` }
          : undefined,
      };
    case 'REJECTED':
      return {
        tone: 'error',
        title: 'Your post wasn’t published',
        message: rejectedByEditor(request)
          ? `An editor didn’t approve ${topic}.`
          : `${topic} didn’t pass the content check.`,
        action: { label: 'See why', href: `/request/${encodeURIComponent(request.requestId)}` },
      };
    case 'FAILED':
      return {
        tone: 'error',
        title: 'Your post couldn’t be made',
        message: `Something went wrong with ${topic}.`,
        action: { label: 'Details', href: `/request/${encodeURIComponent(request.requestId)}` },
      };
    default:
      return null;
  }
}

/**
 * Keeps an eye on the signed-in reader's requests (`GET /requests`, polled while any is still
 * going) and says so when one is published, rejected or fails: an in-app banner, and on a phone
 * a local notification. Requests that had already ended when the app first saw them stay quiet.
 */
export function RequestWatchProvider({ children }: { children: React.ReactNode }) {
  const { session } = useSession();
  const { show } = useNotices();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  /** The last status seen of each request; absent = never seen. */
  const known = useRef(new Map<string, RequestState>());
  /** Made here and not ended yet: poll until the list shows how they end. */
  const pending = useRef(new Set<string>());

  const query = useMyRequestsQuery({ enabled: !!session, alsoPollWhile: () => pending.current.size > 0 });

  useEffect(() => {
    if (session) return;
    known.current.clear();
    pending.current.clear();
    queryClient.removeQueries({ queryKey: [MY_REQUESTS_ROOT] });
  }, [session, queryClient]);

  useEffect(() => {
    for (const page of query.data?.pages ?? []) {
      for (const request of page.items) {
        const id = request.requestId;
        const before = known.current.get(id);
        if (!isTerminal(request.status) || before === undefined || isTerminal(before)) {
          // Still going; or it had ended before the app first saw it, or the reader was told already.
          known.current.set(id, request.status);
          // Listed as waiting for an editor: the list's own (slower) polling will see how it ends.
          if (isTerminal(request.status) || request.status === 'AWAITING_REVIEW') pending.current.delete(id);
          continue;
        }
        // It has just ended. On its own screen the reader sees that there (which calls seen());
        // keep watching in case they leave before that screen hears of it.
        if (pathname === `/request/${id}`) continue;
        known.current.set(id, request.status);
        pending.current.delete(id);
        const notice = outcomeNotice(request);
        if (!notice) continue;
        show(notice);
        void notifyLocally(notice.title, notice.message ?? '', notice.action?.href ?? '/mine');
      }
    }
    // Runs again when the reader leaves a request's screen: identical polls keep the same data.
  }, [query.data, pathname, show]);

  const watch = useCallback(
    (requestId: string) => {
      if (!known.current.has(requestId)) known.current.set(requestId, 'QUEUED');
      pending.current.add(requestId);
      void askForNotificationPermission();
      void queryClient.invalidateQueries({ queryKey: [MY_REQUESTS_ROOT] });
    },
    [queryClient],
  );

  const seen = useCallback((requestId: string, status: RequestState) => {
    known.current.set(requestId, status);
    if (isTerminal(status)) pending.current.delete(requestId);
  }, []);

  const value = useMemo(() => ({ watch, seen }), [watch, seen]);
  return <RequestWatchContext.Provider value={value}>{children}</RequestWatchContext.Provider>;
}

export function useRequestWatch(): RequestWatchValue {
  const ctx = useContext(RequestWatchContext);
  if (!ctx) throw new Error('useRequestWatch outside RequestWatchProvider');
  return ctx;
}
