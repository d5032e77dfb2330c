import { TOPIC_MAX, TOPIC_MIN } from '@/api/types';

/** The API's rule for `topic`: trimmed, 3..200 characters. Null when valid. */
export function validateTopic(raw: string): string | null {
  const topic = raw.trim();
  if (topic.length === 0) return 'Enter a topic.';
  if (topic.length < TOPIC_MIN) return `The topic needs at least ${TOPIC_MIN} characters.`;
  if (topic.length > TOPIC_MAX) return `The topic can have at most ${TOPIC_MAX} characters.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(topic))
    return 'The topic can’t contain line breaks or control characters.';
  return null;
}
