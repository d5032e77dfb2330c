import {
  REASON_MAX,
  TAG_MAX,
  TAGS_MAX,
  TITLE_MAX,
  type DecisionField,
  type Draft,
  type ReviewDecision,
} from '@/api/types';

/** What an editor can change in a draft. */
export interface DraftFields {
  title: string;
  summary: string;
  body: string;
  tags: string[];
}

export type FieldErrors = Partial<Record<DecisionField, string>>;

/** A tag as the server keeps it (core `Tag`): trimmed, lower case. */
export function normaliseTag(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * Tags typed into the tag field ("Space, History" → `space`, `history`) added to `tags`: normalised,
 * each once. The error says why a tag was not added.
 */
export function addTags(tags: readonly string[], typed: string): { tags: string[]; error: string | null } {
  const out = [...tags];
  let error: string | null = null;
  for (const tag of typed.split(',').map(normaliseTag)) {
    if (!tag || out.includes(tag)) continue;
    if (tag.length > TAG_MAX || /[\u0000-\u001f\u007f]/.test(tag)) {
      error = `A tag can have at most ${TAG_MAX} characters.`;
      continue;
    }
    if (out.length >= TAGS_MAX) {
      error = `A post can have at most ${TAGS_MAX} tags.`;
      break;
    }
    out.push(tag);
  }
  return { tags: out, error };
}

/** The server's checks on an approved draft (core `DraftCheck`), in a reader's words. Empty when it can go. */
export function validateEdits(fields: DraftFields): FieldErrors {
  const errors: FieldErrors = {};
  const title = fields.title.trim();
  if (!title) errors.title = 'The title can’t be empty.';
  else if (title.length > TITLE_MAX) errors.title = `The title can have at most ${TITLE_MAX} characters.`;
  if (!fields.summary.trim()) errors.summary = 'The summary can’t be empty.';
  if (!fields.body.trim()) errors.body = 'The post can’t be empty.';
  if (fields.tags.length === 0) errors.tags = 'Add at least one tag.';
  else if (fields.tags.length > TAGS_MAX) errors.tags = `A post can have at most ${TAGS_MAX} tags.`;
  return errors;
}

/** The reason for a rejection: required, and at most 500 characters. Null when it will do. */
export function validateReason(raw: string): string | null {
  const reason = raw.trim();
  if (!reason) return 'Say why, so the person who asked for it knows.';
  if (reason.length > REASON_MAX) return `The reason can have at most ${REASON_MAX} characters.`;
  return null;
}

/** An approval carrying only what the editor changed (trimmed), so an untouched draft goes out as written. */
export function approval(draft: Draft, fields: DraftFields): ReviewDecision {
  const decision: ReviewDecision = { decision: 'approve' };
  const title = fields.title.trim();
  const summary = fields.summary.trim();
  if (title !== draft.title) decision.title = title;
  if (summary !== draft.summary) decision.summary = summary;
  if (fields.body !== draft.body) decision.body = fields.body;
  if (fields.tags.join('\n') !== draft.tags.join('\n')) decision.tags = fields.tags;
  return decision;
}

/** Which fields differ from the draft as written. */
export function editedFields(draft: Draft, fields: DraftFields): Set<keyof DraftFields> {
  const a = approval(draft, fields);
  return new Set((['title', 'summary', 'body', 'tags'] as const).filter((f) => a[f] !== undefined));
}
