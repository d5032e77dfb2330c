import { makeDraft } from '@/api/fake';
import { ApiError, fieldOf, serverMessage } from '@/api/types';

import { addTags, approval, editedFields, validateEdits, validateReason } from './review';

describe('addTags', () => {
  it.each([
    [['space'], 'History', ['space', 'history'], null],
    [['space'], ' SPACE ', ['space'], null],
    [[], 'a, B ,,c', ['a', 'b', 'c'], null],
    [[], '   ', [], null],
    [
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
      'i',
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
      'A post can have at most 8 tags.',
    ],
    [[], 'x'.repeat(51), [], 'A tag can have at most 50 characters.'],
  ])('%j + %j → %j', (tags, typed, expected, error) => {
    expect(addTags(tags, typed)).toEqual({ tags: expected, error });
  });
});

describe('validateEdits', () => {
  const ok = { title: 'T', summary: 'S', body: 'B', tags: ['t'] };
  it.each([
    [{}, {}],
    [{ title: ' ' }, { title: 'The title can’t be empty.' }],
    [{ title: 'x'.repeat(201) }, { title: 'The title can have at most 200 characters.' }],
    [{ summary: '' }, { summary: 'The summary can’t be empty.' }],
    [{ body: '\n' }, { body: 'The post can’t be empty.' }],
    [{ tags: [] }, { tags: 'Add at least one tag.' }],
  ])('%j → %j', (change, errors) => {
    expect(validateEdits({ ...ok, ...change })).toEqual(errors);
  });
});

describe('validateReason', () => {
  it.each([
    ['', 'Say why, so the person who asked for it knows.'],
    ['   ', 'Say why, so the person who asked for it knows.'],
    ['Off topic.', null],
    ['x'.repeat(501), 'The reason can have at most 500 characters.'],
  ])('%j → %j', (reason, error) => {
    expect(validateReason(reason)).toBe(error);
  });
});

describe('approval', () => {
  const draft = makeDraft(1, { title: 'Title', summary: 'Summary', body: 'Body', tags: ['a', 'b'] });
  const fields = { title: 'Title', summary: 'Summary', body: 'Body', tags: ['a', 'b'] };

  it('sends only what changed, trimmed', () => {
    expect(approval(draft, fields)).toEqual({ decision: 'approve' });
    expect(approval(draft, { ...fields, title: ' New ', tags: ['b', 'a'] })).toEqual({
      decision: 'approve',
      title: 'New',
      tags: ['b', 'a'],
    });
    expect(approval(draft, { ...fields, title: ' Title ' })).toEqual({ decision: 'approve' });
    expect([...editedFields(draft, { ...fields, body: 'Body!' })]).toEqual(['body']);
  });
});

describe('fieldOf', () => {
  it.each([
    [new ApiError(400, 'VALIDATION_FAILED', 'title is longer than 200 characters'), 'title'],
    [new ApiError(400, 'VALIDATION_FAILED', 'tags has 9 entries, at most 8 allowed'), 'tags'],
    [new ApiError(400, 'VALIDATION_FAILED', 'reason is required to reject'), 'reason'],
    [new ApiError(400, 'VALIDATION_FAILED', 'decision must be approve or reject'), null],
    [new ApiError(409, 'CONFLICT', 'title is taken'), null],
    [new Error('title'), null],
  ])('%s → %s', (error, field) => {
    expect(fieldOf(error)).toBe(field);
  });

  it('shows the server’s message as a sentence', () => {
    expect(serverMessage(new ApiError(400, 'VALIDATION_FAILED', 'title is empty'))).toBe('Title is empty.');
  });
});
