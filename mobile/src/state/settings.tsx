import AsyncStorage from '@react-native-async-storage/async-storage';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';

import { env } from '@/config/env';

import { TEXT_SIZES, THEME_PREFERENCES, type TextSize, type ThemePreference } from '@/theme';

export { TEXT_SIZES, THEME_PREFERENCES };
export type { TextSize, ThemePreference } from '@/theme';

export interface Settings {
  apiUrl: string;
  theme: ThemePreference;
  /** How large article text is. */
  textSize: TextSize;
}

const STORAGE_KEY = 'aiblog.settings.v1';

export const defaultSettings: Settings = { apiUrl: env.defaultApiUrl, theme: 'system', textSize: 'medium' };

/** `http(s)://host[:port][/path]` without a trailing slash, or null when it is not one. */
export function normalizeApiUrl(input: string): string | null {
  const trimmed = input.trim();
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(trimmed)) return null;
  return trimmed.replace(/\/+$/, '');
}

interface SettingsContextValue {
  settings: Settings;
  update: (patch: Partial<Settings>) => void;
}

const SettingsContext = createContext<SettingsContextValue | null>(null);

function parse(raw: string | null): Partial<Settings> {
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as Partial<Settings>;
    const out: Partial<Settings> = {};
    if (typeof value.apiUrl === 'string' && normalizeApiUrl(value.apiUrl)) {
      out.apiUrl = normalizeApiUrl(value.apiUrl)!;
    }
    if (value.theme && THEME_PREFERENCES.includes(value.theme)) out.theme = value.theme;
    if (value.textSize && TEXT_SIZES.includes(value.textSize)) out.textSize = value.textSize;
    return out;
  } catch {
    return {};
  }
}

/**
 * Settings persisted in AsyncStorage. With `initial` (tests) nothing is read from storage;
 * otherwise children render once the stored values are loaded, so the first request already
 * goes to the right server.
 */
export function SettingsProvider({
  initial,
  children,
}: {
  initial?: Partial<Settings>;
  children: React.ReactNode;
}) {
  const [settings, setSettings] = useState<Settings | null>(
    initial ? { ...defaultSettings, ...initial } : null,
  );

  useEffect(() => {
    if (initial) return;
    let cancelled = false;
    AsyncStorage.getItem(STORAGE_KEY)
      .catch(() => null)
      .then((raw) => {
        if (!cancelled) setSettings({ ...defaultSettings, ...parse(raw) });
      });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const update = useCallback((patch: Partial<Settings>) => {
    setSettings((prev) => {
      const next = { ...(prev ?? defaultSettings), ...patch };
      AsyncStorage.setItem(STORAGE_KEY, JSON.stringify(next)).catch(() => {});
      return next;
    });
  }, []);

  const value = useMemo(() => (settings ? { settings, update } : null), [settings, update]);
  if (!value) return null;
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsContextValue {
  const ctx = useContext(SettingsContext);
  if (!ctx) throw new Error('useSettings outside SettingsProvider');
  return ctx;
}
