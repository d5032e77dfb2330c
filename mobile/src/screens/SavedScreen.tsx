import { FlashList } from '@shopify/flash-list';
import { useRouter } from 'expo-router';
import { useCallback } from 'react';
import { StyleSheet, View } from 'react-native';

import { PostCard } from '@/components/PostCard';
import { StateMessage } from '@/components/StateMessage';
import type { SavedPost } from '@/state/saved';
import { useSaved } from '@/state/saved';
import { READING_WIDTH, useTheme } from '@/theme';

/** Posts the reader saved for later, newest saved first; kept on this device, readable offline. */
export function SavedScreen() {
  const { colors } = useTheme();
  const router = useRouter();
  const saved = useSaved();
  const openPost = useCallback((id: string) => router.push(`/post/${encodeURIComponent(id)}`), [router]);

  if (saved.posts.length === 0) {
    return (
      <View testID="saved-screen" role="main" style={[styles.fill, { backgroundColor: colors.background }]}>
        <StateMessage
          testID="saved-empty"
          icon="bookmark-outline"
          title="Nothing saved yet"
          message="Tap the bookmark on a post to keep it here for later, even offline."
          action={{ label: 'Browse the feed', onPress: () => router.navigate('/'), testID: 'saved-browse' }}
        />
      </View>
    );
  }
  return (
    <View testID="saved-screen" role="main" style={[styles.fill, { backgroundColor: colors.background }]}>
      <FlashList
        data={saved.posts}
        keyExtractor={(p: SavedPost) => p.item.id}
        accessibilityLabel="Saved posts"
        renderItem={({ item }: { item: SavedPost }) => (
          <View style={styles.column}>
            <PostCard item={item.item} onPress={openPost} saved onToggleSave={saved.toggle} />
          </View>
        )}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  column: { width: '100%', maxWidth: READING_WIDTH, alignSelf: 'center' },
});
