import AsyncStorage from '@react-native-async-storage/async-storage';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

import type { BlogPost, FeedItem } from '@/api/types';

/** A post the reader saved to read later: what the list needs to show it, even offline. */
export interface SavedPost {
  item: FeedItem;
  savedAt: string;
}

const STORAGE_KEY = 'aiblog.saved.v1';

interface SavedContextValue {
  /** Newest saved first. */
  posts: SavedPost[];
  isSaved: (id: string) => boolean;
  /** Saves or unsaves; returns whether the post is saved now. */
  toggle: (post: FeedItem | BlogPost) => boolean;
}

const SavedContext = createContext<SavedContextValue | null>(null);

function toItem(post: FeedItem | BlogPost): FeedItem {
  const { id, title, summary, tags, imageUrl, publishedAt, readingTimeMinutes, likes, offline } = post;
  return { id, title, summary, tags, imageUrl, publishedAt, readingTimeMinutes, likes, offline };
}

function parse(raw: string | null): SavedPost[] {
  if (!raw) return [];
  try {
    const value = JSON.parse(raw) as unknown;
    return Array.isArray(value)
      ? value.filter((p): p is SavedPost => typeof p?.item?.id === 'string' && typeof p?.savedAt === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Saved posts live on this device (AsyncStorage), like a reading list; no account needed. */
export function SavedProvider({ initial, children }: { initial?: SavedPost[]; children: React.ReactNode }) {
  const [posts, setPosts] = useState<SavedPost[]>(initial ?? []);
  const postsRef = useRef(posts);
  postsRef.current = posts;

  useEffect(() => {
    if (initial) return;
    let cancelled = false;
    AsyncStorage.getItem(STORAGE_KEY)
      .catch(() => null)
      .then((raw) => {
        if (!cancelled) setPosts((current) => (current.length ? current : parse(raw)));
      });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const toggle = useCallback((post: FeedItem | BlogPost) => {
    const current = postsRef.current;
    const saved = current.some((p) => p.item.id === post.id);
    const next = saved
      ? current.filter((p) => p.item.id !== post.id)
      : [{ item: toItem(post), savedAt: new Date().toISOString() }, ...current];
    postsRef.current = next;
    setPosts(next);
    AsyncStorage.setItem(STORAGE_KEY, JSON.stringify(next)).catch(() => {});
    return !saved;
  }, []);

  const value = useMemo(() => {
    const ids = new Set(posts.map((p) => p.item.id));
    return { posts, isSaved: (id: string) => ids.has(id), toggle };
  }, [posts, toggle]);
  return <SavedContext.Provider value={value}>{children}</SavedContext.Provider>;
}

export function useSaved(): SavedContextValue {
  const ctx = useContext(SavedContext);
  if (!ctx) throw new Error('useSaved outside SavedProvider');
  return ctx;
}
