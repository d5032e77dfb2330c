import type { TextStyle } from 'react-native';

import { fonts } from '@/theme';

/**
 * A post's title and summary type, times the reader's text size: shared by the post and the draft an
 * editor reviews, so a draft reads as it will be published.
 */
export function readingType(scale: number): { title: TextStyle; summary: TextStyle } {
  const title = Math.round(28 * scale);
  return {
    title: { fontSize: title, lineHeight: Math.round(title * 1.22), fontWeight: '800' },
    summary: {
      fontFamily: fonts.serif,
      fontSize: Math.round(19 * scale),
      lineHeight: Math.round(27 * scale),
    },
  };
}
