import AsyncStorage from '@react-native-async-storage/async-storage';
import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { QueryClient, type Query } from '@tanstack/react-query';

import { isApiError } from '@/api/types';

/** Shared stale times (social-app `src/state/queries/index.ts` habit). */
export const STALE = {
  SECONDS: { FIFTEEN: 15_000, THIRTY: 30_000 },
  MINUTES: { ONE: 60_000, FIVE: 5 * 60_000 },
  INFINITY: Infinity,
} as const;

/** How long persisted data may be restored: the last feed stays readable offline for a week. */
export const PERSIST_MAX_AGE = 7 * 24 * 60 * 60_000;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE.SECONDS.THIRTY,
        // Keep unobserved data around as long as it may be persisted.
        gcTime: PERSIST_MAX_AGE,
        // Serve cached data first, then try the network (what an offline reader wants).
        networkMode: 'offlineFirst',
        retry: (failureCount, error) => isApiError(error) && error.transient && failureCount < 2,
      },
      mutations: { networkMode: 'offlineFirst', retry: false },
    },
  });
}

export function createPersister() {
  return createAsyncStoragePersister({
    storage: AsyncStorage,
    key: 'aiblog.query-cache.v1',
    throttleTime: 1000,
  });
}

const PERSISTED_ROOTS = new Set(['feed', 'post']);

/** Persist what makes the app readable offline: feed pages and opened posts. */
export function shouldPersistQuery(query: Query): boolean {
  return query.state.status === 'success' && PERSISTED_ROOTS.has(String(query.queryKey[0]));
}
