/**
 * The playground's gradient-descent worker: trains the instance's network with the
 * library's trainGD (src/gd/train.ts: a smooth relaxation, Adam, random restarts; a
 * restart succeeds only when its hardened weights pass exact evaluation) and streams each
 * epoch's relaxed loss to the page for the live loss curve, a batch at a time so the page
 * redraws a few dozen times a second, not once per epoch.
 */
import { parametersToJSON, parseInstance, trainGD } from '../src/browser.js';
import { errorText, type GDMessage, type GDRequest } from './protocol.js';

const scope = self as unknown as { postMessage(m: GDMessage): void; onmessage: ((e: MessageEvent<GDRequest>) => void) | null };

/** Losses are sent at most this often (ms) within a restart, and at its end. */
const FLUSH_MS = 40;

function train(req: GDRequest): void {
  const { id } = req;
  const instance = parseInstance(req.instanceText, 'instance');
  let restart = 0;
  let losses: number[] = [];
  let lastFlush = performance.now();
  const flush = (): void => {
    if (losses.length > 0) scope.postMessage({ id, type: 'epochs', restart, losses });
    losses = [];
    lastFlush = performance.now();
  };
  const result = trainGD(instance, {
    restarts: req.restarts,
    epochs: req.epochs,
    seed: req.seed,
    timeoutMs: req.timeoutMs,
    onEpoch: (e) => {
      if (e.restart !== restart) {
        flush();
        restart = e.restart;
      }
      losses.push(e.loss);
      if (performance.now() - lastFlush >= FLUSH_MS) flush();
    },
    onProgress: (p) => {
      flush();
      scope.postMessage({ id, type: 'restart', restart: p.restart, restarts: p.restarts, successes: p.successes, bestAccuracy: p.bestAccuracy });
    },
  });
  flush();
  scope.postMessage({
    id,
    type: 'done',
    restarts: result.restarts,
    successes: result.successes,
    bestCorrect: result.bestCorrect,
    total: result.total,
    firstSuccessRestart: result.firstSuccessRestart,
    time_ms: result.time_ms,
    parameters: result.parameters ? parametersToJSON(result.parameters) : null,
  });
}

scope.onmessage = (e) => {
  try {
    train(e.data);
  } catch (err) {
    scope.postMessage({ id: e.data.id, type: 'error', message: errorText(err) });
  }
};
