import type { Classification } from './classifier';

/** The messages between the NLU thread and its client on the main thread. */

/** What the thread is given when it starts. */
export interface NluWorkerData {
  database: string;
  languages: string[];
  localesDir: string;
}

/** A request from the main thread. */
export type NluRequest = { id: number; kind: 'scores' | 'classify' | 'both'; text: string };

/** The thread's answers: once `ready`, then one answer per request. */
export type NluResponse =
  | { ready: true }
  | { id: number; scores: Record<string, number> }
  | { id: number; classification: Classification }
  | { id: number; scores: Record<string, number>; classification: Classification }
  | { id: number; error: string };
