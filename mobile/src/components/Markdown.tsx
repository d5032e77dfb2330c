import { Fragment } from 'react';
import { View } from 'react-native';
import { useMarkdown } from 'react-native-marked';

import { useTheme } from '@/theme';

/** A post body: markdown rendered to native views by react-native-marked (marked.js). */
export function Markdown({ value }: { value: string }) {
  const { scheme, colors } = useTheme();
  const elements = useMarkdown(value, {
    colorScheme: scheme,
    theme: {
      colors: {
        text: colors.text,
        link: colors.primary,
        border: colors.border,
        code: colors.surfaceAlt,
      },
    },
    styles: {
      paragraph: { paddingVertical: 6 },
      text: { fontSize: 16, lineHeight: 25 },
    },
  });
  return (
    <View testID="post-body">
      {elements.map((element, index) => (
        <Fragment key={index}>{element}</Fragment>
      ))}
    </View>
  );
}
