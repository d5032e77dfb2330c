import { ScrollView, StyleSheet, View } from 'react-native';

import { spacing, useTheme } from '@/theme';

import { TagChip } from './TagChip';

/**
 * One row of tags under the header, scrolling sideways: "All", then the popular ones. The list
 * comes from the feed's first page, so it does not shift while the reader scrolls.
 */
export function TagStrip({
  tags,
  selected,
  onSelect,
  trailing,
}: {
  tags: string[];
  selected?: string;
  onSelect: (tag: string | undefined) => void;
  /** Shown at the end of the row, outside the scrolling part (the refresh button on desktop web). */
  trailing?: React.ReactNode;
}) {
  const { colors } = useTheme();
  const shown = selected && !tags.includes(selected) ? [selected, ...tags] : tags;
  return (
    <View style={[styles.bar, { borderColor: colors.border, backgroundColor: colors.background }]}>
      <ScrollView
        horizontal
        showsHorizontalScrollIndicator={false}
        testID="tag-strip"
        accessibilityLabel="Topics"
        contentContainerStyle={styles.content}
        style={styles.scroll}>
        <TagChip
          tag=""
          label="All"
          selected={!selected}
          accessibilityLabel="All posts"
          onPress={() => onSelect(undefined)}
          testID="feed-tag-all"
        />
        {shown.map((t) => {
          const active = t === selected;
          return (
            <TagChip
              key={t}
              tag={t}
              selected={active}
              clearable={active}
              accessibilityLabel={active ? `Clear the ${t} filter` : `Show posts tagged ${t}`}
              onPress={() => onSelect(active ? undefined : t)}
              testID={active ? 'feed-clear-filter' : `feed-tag-${t}`}
            />
          );
        })}
      </ScrollView>
      {trailing}
    </View>
  );
}

/** The most frequent tags of `items`, most frequent first (ties alphabetically). */
export function popularTags(items: { tags: string[] }[], max = 10): string[] {
  const counts = new Map<string, number>();
  for (const item of items) for (const tag of new Set(item.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([tag]) => tag);
}

const styles = StyleSheet.create({
  bar: { flexDirection: 'row', alignItems: 'center', borderBottomWidth: StyleSheet.hairlineWidth },
  scroll: { flex: 1 },
  content: { paddingHorizontal: spacing.lg, gap: spacing.sm, alignItems: 'center' },
});
