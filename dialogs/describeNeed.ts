import type { View } from './viewPrompt';
import { choice } from './steps';

/** Longest one-line description of the need. */
export const MAX_DESCRIPTION_CHARS = 300;

/** "In one line: what do you need help with?" — free text, or skip. */
export const DESCRIBE_VIEW: View = {
  texts: [{ key: 'handover:describe.ask' }],
  buttons: [choice('handover:describe.skip', 'skip')],
  mode: 'text',
  max: MAX_DESCRIPTION_CHARS,
  retry: { key: 'handover:describe.tooLong', args: { max: MAX_DESCRIPTION_CHARS } },
};
