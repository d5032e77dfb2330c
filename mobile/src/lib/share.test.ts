import * as Clipboard from 'expo-clipboard';
import { Platform, Share } from 'react-native';

import { shareLink } from './share';

const post = { title: 'Bees', url: 'https://api.example/p/post-1' };
const g = globalThis as { navigator?: { share?: unknown } };

describe('shareLink on the web', () => {
  let restore: () => void;
  beforeEach(() => {
    const original = Platform.OS;
    Object.defineProperty(Platform, 'OS', { value: 'web', configurable: true });
    const hadNavigator = 'navigator' in g;
    g.navigator ??= {};
    restore = () => {
      Object.defineProperty(Platform, 'OS', { value: original, configurable: true });
      if (hadNavigator) delete g.navigator!.share;
      else delete g.navigator;
    };
  });
  afterEach(() => restore());

  it('uses the Web Share API where the browser has it', async () => {
    const share = jest.fn(async () => {});
    Object.assign(g.navigator!, { share });

    await expect(shareLink(post)).resolves.toBe('shared');
    expect(share).toHaveBeenCalledWith({ title: 'Bees', url: post.url });
    expect(Clipboard.setStringAsync).not.toHaveBeenCalled();
  });

  it('copies the link where it has not', async () => {
    await expect(shareLink(post)).resolves.toBe('copied');
    expect(Clipboard.setStringAsync).toHaveBeenCalledWith(post.url);
  });

  it('does nothing more when the reader closes the share sheet', async () => {
    Object.assign(g.navigator!, {
      share: jest.fn(async () => {
        throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      }),
    });

    await expect(shareLink(post)).resolves.toBe('dismissed');
    expect(Clipboard.setStringAsync).not.toHaveBeenCalled();
  });
});

describe('shareLink on a phone', () => {
  it('opens the share sheet with the public page of the post', async () => {
    const share = jest.spyOn(Share, 'share').mockResolvedValue({ action: Share.sharedAction });

    await expect(shareLink(post)).resolves.toBe('shared');
    expect(share).toHaveBeenCalledWith(expect.objectContaining({ url: post.url }), expect.anything());
  });
});
