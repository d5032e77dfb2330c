import { createContext, useContext, useMemo } from 'react';
import { Platform, useColorScheme } from 'react-native';

export type Scheme = 'light' | 'dark';
/** What the reader chose in Settings → Theme. */
export type ThemePreference = 'light' | 'dark' | 'system';
export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];
/** How large article text is (Settings → Text size). */
export type TextSize = 'small' | 'medium' | 'large' | 'xlarge';
export const TEXT_SIZES: readonly TextSize[] = ['small', 'medium', 'large', 'xlarge'];

/**
 * One semantic palette per scheme. Text colours keep at least 4.5:1 against `background` and
 * `surface` (WCAG AA for body text), `textMuted` included; `primary` is also a text colour.
 */
export const palettes = {
  light: {
    background: '#ffffff',
    surface: '#ffffff',
    surfaceAlt: '#f1f3f6',
    text: '#16191d',
    textMuted: '#566170',
    border: '#e1e5ea',
    primary: '#1f56d1',
    onPrimary: '#ffffff',
    like: '#c8264d',
    danger: '#b42318',
    dangerSurface: '#fdecea',
    success: '#17752f',
    successSurface: '#e7f5ea',
    warning: '#855400',
    warningSurface: '#fff4d6',
    skeleton: '#e9ecf0',
    code: '#f1f3f6',
    link: '#1f56d1',
  },
  dark: {
    background: '#0d1117',
    surface: '#161b22',
    surfaceAlt: '#1f2630',
    text: '#e6edf3',
    textMuted: '#9ba7b4',
    border: '#2d3540',
    primary: '#7aa5ff',
    onPrimary: '#0d1117',
    like: '#ff7a96',
    danger: '#ff8b82',
    dangerSurface: '#3b1a1a',
    success: '#5fd46d',
    successSurface: '#12301a',
    warning: '#e3b341',
    warningSurface: '#3a2e10',
    skeleton: '#222a34',
    code: '#1b222c',
    link: '#8ab4ff',
  },
} as const;

export type Colors = { [K in keyof (typeof palettes)['light']]: string };

export const spacing = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24, xxl: 32 } as const;
export const radius = { sm: 6, md: 10, lg: 16, pill: 999 } as const;
/** A readable line length for articles (about 70 characters of body text). */
export const READING_WIDTH = 680;
/** The smallest touch target (Apple HIG, Material: 44 / 48). */
export const TOUCH = 44;

/** Body text for reading, headings in the system sans, code in a monospace. */
export const fonts = {
  serif: Platform.select({
    ios: 'Georgia',
    android: 'serif',
    default: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif',
  }),
  mono: Platform.select({
    ios: 'Menlo',
    android: 'monospace',
    default: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  }),
};

/** The reader's text size (Settings → Text size), as a factor on article type. */
export const TEXT_SCALES: Record<TextSize, number> = { small: 0.9, medium: 1, large: 1.15, xlarge: 1.3 };

interface Theme {
  scheme: Scheme;
  colors: Colors;
  /** Article text scale (1 = medium). */
  textScale: number;
}

const ThemeContext = createContext<Theme>({ scheme: 'light', colors: palettes.light, textScale: 1 });

/**
 * Light, dark, or whatever the system says; and the reader's text size. The choices come in as props
 * (the state layer passes the reader's settings), so the theme depends on nothing above it.
 */
export function ThemeProvider({
  preference = 'system',
  textSize = 'medium',
  children,
}: {
  preference?: ThemePreference;
  textSize?: TextSize;
  children: React.ReactNode;
}) {
  const system = useColorScheme();
  const scheme: Scheme = preference === 'system' ? (system === 'dark' ? 'dark' : 'light') : preference;
  const textScale = TEXT_SCALES[textSize] ?? 1;
  const value = useMemo(() => ({ scheme, colors: palettes[scheme], textScale }), [scheme, textScale]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
