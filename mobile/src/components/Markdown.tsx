import { Image } from 'expo-image';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { Linking, ScrollView, StyleSheet, Text, View, type TextStyle, type ViewStyle } from 'react-native';
import { Renderer, useMarkdown, type MarkedStyles } from 'react-native-marked';

import { fonts, radius, spacing, useTheme, type Colors } from '@/theme';

import { Icon } from './Icon';

/**
 * Article type: a serif body at 18 pt (times the reader's text size) with generous leading;
 * sans-serif headings that stay below the post title (28 pt); monospace code.
 */
export function articleStyles(colors: Colors, scale: number): MarkedStyles {
  const body = Math.round(18 * scale);
  const text: TextStyle = {
    fontFamily: fonts.serif,
    fontSize: body,
    lineHeight: Math.round(body * 1.6),
    color: colors.text,
  };
  const heading = (size: number, top: number): TextStyle => ({
    fontSize: Math.round(size * scale),
    lineHeight: Math.round(size * scale * 1.3),
    fontWeight: '700',
    color: colors.text,
    marginTop: top,
    marginBottom: spacing.xs,
    borderBottomWidth: 0,
    paddingBottom: 0,
  });
  return {
    text,
    paragraph: { paddingVertical: spacing.sm },
    strong: { ...text, fontWeight: '700' },
    em: { ...text, fontStyle: 'italic' },
    strikethrough: { ...text, textDecorationLine: 'line-through' },
    link: { ...text, color: colors.link, fontStyle: 'normal', textDecorationLine: 'underline' },
    h1: heading(23, spacing.xl),
    h2: heading(21, spacing.xl),
    h3: heading(19, spacing.lg),
    h4: heading(17, spacing.lg),
    h5: heading(16, spacing.md),
    h6: { ...heading(15, spacing.md), color: colors.textMuted },
    codespan: {
      fontFamily: fonts.mono,
      fontStyle: 'normal',
      fontWeight: '400',
      fontSize: Math.round(body * 0.85),
      backgroundColor: colors.code,
      color: colors.text,
    },
    code: { backgroundColor: colors.code, padding: spacing.lg, borderRadius: radius.md, minWidth: '100%' },
    codeText: {
      fontFamily: fonts.mono,
      fontStyle: 'normal',
      fontWeight: '400',
      fontSize: Math.round(15 * scale),
      lineHeight: Math.round(15 * scale * 1.5),
      color: colors.text,
    },
    blockquote: {
      borderLeftColor: colors.border,
      borderLeftWidth: 3,
      paddingLeft: spacing.lg,
      marginVertical: spacing.sm,
      opacity: 1,
    },
    li: { ...text },
    hr: {
      borderBottomColor: colors.border,
      borderBottomWidth: StyleSheet.hairlineWidth,
      marginVertical: spacing.lg,
    },
    image: { borderRadius: radius.md },
    table: { borderWidth: 1, borderColor: colors.border },
    tableRow: { flexDirection: 'row' },
    tableCell: { padding: spacing.sm },
  };
}

/** An image in a post body: the picture, or its description when it cannot load. */
function BodyImage({ uri, alt, colors }: { uri: string; alt?: string; colors: Colors }) {
  const [failed, setFailed] = useState(false);
  const [ratio, setRatio] = useState(16 / 9);
  if (failed) {
    return (
      <View
        testID="md-image-failed"
        role="img"
        accessibilityLabel={alt ? `Image not available: ${alt}` : 'Image not available'}
        style={[styles.imageFallback, { backgroundColor: colors.surfaceAlt, borderColor: colors.border }]}>
        <Icon name="image-outline" size={22} color={colors.textMuted} />
        <Text style={{ color: colors.textMuted, flexShrink: 1 }}>{alt || 'Image not available'}</Text>
      </View>
    );
  }
  return (
    <Image
      source={{ uri }}
      accessibilityLabel={alt ?? ''}
      style={[styles.image, { aspectRatio: ratio, backgroundColor: colors.skeleton }]}
      contentFit="contain"
      onLoad={(e) => e.source.width && e.source.height && setRatio(e.source.width / e.source.height)}
      onError={() => setFailed(true)}
    />
  );
}

/** A table that keeps every column: as wide as it needs, scrolling sideways when wider than the screen. */
function BodyTable({
  header,
  rows,
  colors,
}: {
  header: ReactNode[][];
  rows: ReactNode[][][];
  colors: Colors;
}) {
  const cell = (content: ReactNode[], key: number, head: boolean) => (
    <View
      key={key}
      role={head ? 'columnheader' : 'cell'}
      style={[
        styles.cell,
        { borderColor: colors.border, backgroundColor: head ? colors.surfaceAlt : undefined },
      ]}>
      {content}
    </View>
  );
  return (
    <ScrollView horizontal testID="md-table" style={styles.block} contentContainerStyle={{ flexGrow: 1 }}>
      <View role="table" style={[styles.table, { borderColor: colors.border }]}>
        <View role="row" style={styles.row}>
          {header.map((c, i) => cell(c, i, true))}
        </View>
        {rows.map((r, i) => (
          <View role="row" key={i} style={styles.row}>
            {r.map((c, j) => cell(c, j, false))}
          </View>
        ))}
      </View>
    </ScrollView>
  );
}

/** react-native-marked's renderer with the parts a reading app needs done differently. */
class ArticleRenderer extends Renderer {
  constructor(private readonly colors: Colors) {
    super();
  }

  /** Levels start at 2 under the post's title (a body's "#" is not a second title), and never skip. */
  heading(text: string | ReactNode[], styles?: TextStyle, depth?: number): ReactNode {
    return (
      <Text
        key={this.getKey()}
        aria-level={Math.min(6, Math.max(2, depth ?? 2))}
        accessibilityRole="header"
        style={styles}>
        {text}
      </Text>
    );
  }

  code(text: string, _language?: string, containerStyle?: ViewStyle, textStyle?: TextStyle): ReactNode {
    return (
      <ScrollView
        key={this.getKey()}
        horizontal
        testID="md-code"
        style={[styles.block, { borderRadius: radius.md }]}
        contentContainerStyle={containerStyle}>
        <Text selectable style={textStyle}>
          {text}
        </Text>
      </ScrollView>
    );
  }

  codespan(text: string, styles?: TextStyle): ReactNode {
    return (
      <Text key={this.getKey()} selectable style={styles}>
        {` ${text} `}
      </Text>
    );
  }

  link(children: string | ReactNode[], href: string, styles?: TextStyle, title?: string): ReactNode {
    const label = typeof children === 'string' ? children : undefined;
    return (
      <Text
        key={this.getKey()}
        role="link"
        accessibilityRole="link"
        accessibilityLabel={title || label}
        accessibilityHint="Opens in your browser"
        // react-native-web renders an <a href> (a real link: open in a new tab, copy address)
        {...({ href, hrefAttrs: { target: '_blank', rel: 'noopener noreferrer' } } as object)}
        onPress={() => void Linking.openURL(href).catch(() => {})}
        style={styles}>
        {children}
      </Text>
    );
  }

  image(uri: string, alt?: string): ReactNode {
    return <BodyImage key={this.getKey()} uri={uri} alt={alt} colors={this.colors} />;
  }

  table(header: ReactNode[][], rows: ReactNode[][][]): ReactNode {
    return <BodyTable key={this.getKey()} header={header} rows={rows} colors={this.colors} />;
  }
}

/** A post body: markdown rendered to native views by react-native-marked (marked.js). */
export function Markdown({ value }: { value: string }) {
  const { scheme, colors, textScale } = useTheme();
  const styles = useMemo(() => articleStyles(colors, textScale), [colors, textScale]);
  const renderer = useMemo(() => new ArticleRenderer(colors), [colors]);
  const theme = useMemo(
    () => ({ colors: { text: colors.text, link: colors.link, border: colors.border, code: colors.code } }),
    [colors],
  );
  const elements = useMarkdown(value, { colorScheme: scheme, styles, renderer, theme });
  return (
    <View testID="post-body">
      {elements.map((element, index) => (
        <Fragment key={index}>{element}</Fragment>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  block: { marginVertical: spacing.sm },
  image: { width: '100%', borderRadius: radius.md, marginVertical: spacing.sm },
  imageFallback: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: spacing.sm,
    padding: spacing.lg,
    borderRadius: radius.md,
    borderWidth: StyleSheet.hairlineWidth,
    marginVertical: spacing.sm,
  },
  table: { borderWidth: StyleSheet.hairlineWidth, borderRadius: radius.sm, minWidth: '100%' },
  row: { flexDirection: 'row' },
  cell: {
    minWidth: 96,
    maxWidth: 280,
    flexGrow: 1,
    flexBasis: 0,
    padding: spacing.sm,
    borderWidth: StyleSheet.hairlineWidth,
  },
});
