import { STEPS, STEPS_WITH_REVIEW, type BlogRequest, type RequestState, type Step } from '@/api/types';

/** A request's status in a reader's words (the API's RUNNING, REJECTED… never reach the screen). */
export const STATUS_LABELS: Record<RequestState, string> = {
  QUEUED: 'Waiting to start',
  RUNNING: 'Being written',
  AWAITING_REVIEW: 'Awaiting review',
  PUBLISHED: 'Published',
  REJECTED: 'Not published',
  FAILED: 'Couldn’t be made',
};

export const STEP_LABELS: Record<Step, string> = {
  MODERATE_TOPIC: 'Checking the topic',
  TEXT: 'Writing the post',
  MODERATE_TEXT: 'Checking the text',
  IMAGE: 'Drawing the illustration',
  REVIEW: 'An editor’s review',
  PUBLISH: 'Publishing',
};

/**
 * The steps a request goes through: with an editor's review when it is waiting for one or has stopped
 * there (a request already past it looks like one that never had it).
 */
export function stepsOf(r: Pick<BlogRequest, 'status' | 'step'>): readonly Step[] {
  return r.status === 'AWAITING_REVIEW' || r.step === 'REVIEW' ? STEPS_WITH_REVIEW : STEPS;
}

/** Whether an editor, rather than the content check, turned it down. */
export function rejectedByEditor(r: Pick<BlogRequest, 'status' | 'step'>): boolean {
  return r.status === 'REJECTED' && r.step === 'REVIEW';
}

/** One line about where a request stands, e.g. "Drawing the illustration · step 4 of 5". */
export function describeRequest(r: Pick<BlogRequest, 'status' | 'step' | 'reason'>): string {
  switch (r.status) {
    case 'RUNNING': {
      const steps = stepsOf(r);
      return r.step
        ? `${STEP_LABELS[r.step]} · step ${steps.indexOf(r.step) + 1} of ${steps.length}`
        : 'Starting';
    }
    case 'AWAITING_REVIEW':
      return 'Written; an editor reads it before it’s published';
    case 'QUEUED':
      return 'In line; it starts in a moment';
    case 'REJECTED':
      return rejectedByEditor(r) ? 'An editor didn’t approve it' : 'It didn’t pass the content check';
    case 'FAILED':
      return r.reason ? 'Something went wrong while making it' : 'Something went wrong';
    case 'PUBLISHED':
      return 'Ready to read';
  }
}
