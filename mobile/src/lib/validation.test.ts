import { validateTopic } from './validation';

describe('validateTopic (the API rule: trimmed, 3..200 characters)', () => {
  it.each([
    ['', 'Enter a topic.'],
    ['  \n ', 'Enter a topic.'],
    ['ab', 'The topic needs at least 3 characters.'],
    [' ab ', 'The topic needs at least 3 characters.'],
    ['abc', null],
    ['  abc  ', null],
    ['a'.repeat(200), null],
    [` ${'a'.repeat(200)} `, null],
    ['a'.repeat(201), 'The topic can have at most 200 characters.'],
    ['tabs\tinside', 'The topic can’t contain line breaks or control characters.'],
    ['two\nlines', 'The topic can’t contain line breaks or control characters.'],
  ])('%j → %s', (topic, error) => {
    expect(validateTopic(topic)).toBe(error);
  });
});
