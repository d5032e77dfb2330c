import { STEPS, type BlogRequest, type RequestState, type Step } from '@/api/types';

/** A request's status in a reader's words (the API's RUNNING, REJECTED… never reach the screen). */
export const STATUS_LABELS: Record<RequestState, string> = {
  QUEUED: 'Waiting to start',
  RUNNING: 'Being written',
  PUBLISHED: 'Published',
  REJECTED: 'Not published',
  FAILED: 'Couldn’t be made',
};

export const STEP_LABELS: Record<Step, string> = {
  MODERATE_TOPIC: 'Checking the topic',
  TEXT: 'Writing the post',
  MODERATE_TEXT: 'Checking the text',
  IMAGE: 'Drawing the illustration',
  PUBLISH: 'Publishing',
};

/** One line about where a request stands, e.g. "Drawing the illustration · step 4 of 5". */
export function describeRequest(r: Pick<BlogRequest, 'status' | 'step' | 'reason'>): string {
  switch (r.status) {
    case 'RUNNING':
      return r.step
        ? `${STEP_LABELS[r.step]} · step ${STEPS.indexOf(r.step) + 1} of ${STEPS.length}`
        : 'Starting';
    case 'QUEUED':
      return 'In line; it starts in a moment';
    case 'REJECTED':
      return 'It didn’t pass the content check';
    case 'FAILED':
      return r.reason ? 'Something went wrong while making it' : 'Something went wrong';
    case 'PUBLISHED':
      return 'Ready to read';
  }
}
