/**
 * The messages between the playground page (playground.ts) and its two Web Workers
 * (solve-worker.ts: the exact decision and the minimal core; gd-worker.ts: gradient
 * descent). Instances travel as their JSON text and parameters as parameter JSON
 * (docs/format.md), so nothing depends on structured clone keeping classes; the page
 * parses the parameters again and checks them by exact evaluation itself.
 */
import type { BrowserBackend, ParamsJSON, UnknownReason } from '../src/browser.js';

export interface SolveRequest {
  id: number;
  instanceText: string;
  backend: BrowserBackend;
  timeoutMs: number;
  /** On untrainable, also a minimal core of examples (explainUntrainable), within the same deadline. */
  core: boolean;
}

export type SolveMessage =
  | { id: number; type: 'progress'; phase: string; conflicts?: number; elapsedMs: number }
  | {
      id: number;
      type: 'answer';
      status: 'trainable' | 'untrainable' | 'unknown';
      backend: string;
      time_ms: number;
      parameters: ParamsJSON | null;
      unknown?: UnknownReason;
      stats: Record<string, unknown>;
      /** A core follows (type 'core') when asked for and the answer is untrainable. */
      coreFollows: boolean;
    }
  | { id: number; type: 'core-progress'; phase: string; size: number; decisions: number; elapsedMs: number }
  | {
      id: number;
      type: 'core';
      core: number[] | null;
      minimal: boolean;
      /** For each core example with one: parameters that fit the core without it (checked in the worker). */
      fits: { example: number; parameters: ParamsJSON }[];
      decisions: number;
      time_ms: number;
      unknown?: UnknownReason;
    }
  | { id: number; type: 'error'; message: string };

export interface GDRequest {
  id: number;
  instanceText: string;
  restarts: number;
  epochs: number;
  seed: number;
  timeoutMs: number;
}

export type GDMessage =
  | { id: number; type: 'epochs'; restart: number; losses: number[] }
  | { id: number; type: 'restart'; restart: number; restarts: number; successes: number; bestAccuracy: number }
  | {
      id: number;
      type: 'done';
      restarts: number;
      successes: number;
      bestCorrect: number;
      total: number;
      firstSuccessRestart: number | null;
      time_ms: number;
      parameters: ParamsJSON | null;
    }
  | { id: number; type: 'error'; message: string };

/** The error text a worker reports (an InputError's message already names the JSON path). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
