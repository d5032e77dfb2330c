import type { BlogRequest } from '@/api/types';

import { stepStates } from './RequestProgress';

type Case = [BlogRequest['status'], BlogRequest['step'], string];

describe('stepStates', () => {
  // Steps in order: MODERATE_TOPIC, TEXT, MODERATE_TEXT, IMAGE, PUBLISH.
  it.each<Case>([
    ['QUEUED', null, 'pending pending pending pending pending'],
    ['RUNNING', 'MODERATE_TOPIC', 'active pending pending pending pending'],
    ['RUNNING', 'MODERATE_TEXT', 'done done active pending pending'],
    ['RUNNING', 'PUBLISH', 'done done done done active'],
    ['PUBLISHED', 'PUBLISH', 'done done done done done'],
    ['PUBLISHED', null, 'done done done done done'],
    ['REJECTED', 'MODERATE_TOPIC', 'failed pending pending pending pending'],
    ['REJECTED', 'MODERATE_TEXT', 'done done failed pending pending'],
    ['FAILED', 'IMAGE', 'done done done failed pending'],
    ['FAILED', null, 'pending pending pending pending pending'],
    // With an editor's review: MODERATE_TOPIC, TEXT, MODERATE_TEXT, IMAGE, REVIEW, PUBLISH.
    ['AWAITING_REVIEW', 'REVIEW', 'done done done done active pending'],
    ['AWAITING_REVIEW', null, 'done done done done active pending'],
    ['REJECTED', 'REVIEW', 'done done done done failed pending'],
  ])('%s at %s → %s', (status, step, expected) => {
    expect(Object.values(stepStates({ status, step })).join(' ')).toBe(expected);
  });
});
