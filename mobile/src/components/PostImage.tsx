import { Image } from 'expo-image';
import { useState } from 'react';
import { StyleSheet, View, type ImageStyle, type StyleProp, type ViewStyle } from 'react-native';

import { useTheme } from '@/theme';

import { Icon } from './Icon';

/**
 * A post's illustration. The API hands out presigned URLs that differ on every response and
 * expire after minutes, so the image is cached under the post's id (`cacheKey`), not its URL: a
 * refreshed feed or a week-old saved one shows what is already on disk. `recyclingKey` stops a
 * recycled list cell from flashing the previous post's picture. When an image cannot load (an
 * expired URL while offline), a neutral tile shows instead, and `onFailed` lets the screen fetch
 * fresh URLs.
 */
export function PostImage({
  postId,
  uri,
  style,
  label,
  onFailed,
  testID,
}: {
  postId: string;
  uri: string | null;
  style: StyleProp<ImageStyle>;
  /** The alt text; empty for a decorative picture inside a labelled link. */
  label: string;
  onFailed?: () => void;
  testID?: string;
}) {
  const { colors } = useTheme();
  const [failedUri, setFailedUri] = useState<string | null>(null);
  if (!uri || failedUri === uri) {
    return (
      <View
        testID={testID ? `${testID}-fallback` : undefined}
        style={[style as StyleProp<ViewStyle>, styles.fallback, { backgroundColor: colors.surfaceAlt }]}
        accessible={!!label}
        role={label ? 'img' : undefined}
        accessibilityLabel={label || undefined}
        aria-hidden={!label}>
        <Icon name="image-outline" size={28} color={colors.textMuted} />
      </View>
    );
  }
  return (
    <Image
      testID={testID}
      source={{ uri, cacheKey: `post-image-${postId}` }}
      recyclingKey={postId}
      cachePolicy="memory-disk"
      style={[style, { backgroundColor: colors.skeleton }]}
      contentFit="cover"
      transition={150}
      accessibilityLabel={label}
      accessible={!!label}
      accessibilityIgnoresInvertColors
      onError={() => {
        setFailedUri(uri);
        onFailed?.();
      }}
    />
  );
}

const styles = StyleSheet.create({
  fallback: { alignItems: 'center', justifyContent: 'center' },
});
