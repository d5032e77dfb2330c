import { createContext, useContext, useMemo } from 'react';
import { useColorScheme } from 'react-native';

import { useSettings } from '@/state/settings';

export type Scheme = 'light' | 'dark';

export const palettes = {
  light: {
    background: '#f6f7f9',
    surface: '#ffffff',
    surfaceAlt: '#eef0f4',
    text: '#11181c',
    textMuted: '#5b6470',
    border: '#dde1e7',
    primary: '#2457d6',
    onPrimary: '#ffffff',
    like: '#d62f57',
    danger: '#b42318',
    dangerSurface: '#fdecea',
    success: '#1a7f37',
    warning: '#8a5a00',
    warningSurface: '#fff4d6',
    skeleton: '#e3e7ed',
  },
  dark: {
    background: '#0d1117',
    surface: '#161b22',
    surfaceAlt: '#1f2630',
    text: '#e6edf3',
    textMuted: '#9aa6b2',
    border: '#2d3540',
    primary: '#6e9bff',
    onPrimary: '#0d1117',
    like: '#ff6b8b',
    danger: '#ff7b72',
    dangerSurface: '#3b1a1a',
    success: '#56d364',
    warning: '#e3b341',
    warningSurface: '#3a2e10',
    skeleton: '#232a33',
  },
} as const;

export type Colors = { [K in keyof (typeof palettes)['light']]: string };

export const spacing = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24 } as const;
export const radius = { sm: 6, md: 10, lg: 16, pill: 999 } as const;

interface Theme {
  scheme: Scheme;
  colors: Colors;
}

const ThemeContext = createContext<Theme>({ scheme: 'light', colors: palettes.light });

/** Light, dark, or whatever the system says (Settings → Theme). */
export function ThemeProvider({ children }: { children: React.ReactNode }) {
  const system = useColorScheme();
  const { settings } = useSettings();
  const scheme: Scheme =
    settings.theme === 'system' ? (system === 'dark' ? 'dark' : 'light') : settings.theme;
  const value = useMemo(() => ({ scheme, colors: palettes[scheme] }), [scheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
