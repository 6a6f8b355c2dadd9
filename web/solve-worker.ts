/**
 * The playground's exact-decision worker: parses the instance, runs the browser `decide`
 * (src/browser.ts) on the chosen backend within the deadline, and on `untrainable`, when
 * asked, a minimal untrainable core of examples (explainUntrainable) within what is left
 * of the deadline. It runs off the page's thread so that the page stays responsive and
 * Cancel can stop a solve that is inside one long WebAssembly call: the page terminates
 * the worker and starts a new one.
 */
import { decide, explainUntrainable, parametersToJSON, parseInstance } from '../src/browser.js';
import { errorText, type SolveMessage, type SolveRequest } from './protocol.js';

const scope = self as unknown as { postMessage(m: SolveMessage): void; onmessage: ((e: MessageEvent<SolveRequest>) => void) | null };

async function solve(req: SolveRequest): Promise<void> {
  const { id } = req;
  const t0 = performance.now();
  const instance = parseInstance(req.instanceText, 'instance');
  const result = await decide(instance, {
    backend: req.backend,
    timeoutMs: req.timeoutMs,
    onProgress: (p) => scope.postMessage({ id, type: 'progress', phase: p.phase, ...(p.conflicts !== undefined ? { conflicts: p.conflicts } : {}), elapsedMs: p.elapsedMs }),
  });
  const coreFollows = req.core && result.status === 'untrainable' && instance.minCorrect === undefined;
  scope.postMessage({
    id,
    type: 'answer',
    status: result.status,
    backend: result.backend,
    time_ms: result.time_ms,
    parameters: result.parameters ? parametersToJSON(result.parameters) : null,
    ...(result.unknown ? { unknown: result.unknown } : {}),
    stats: JSON.parse(JSON.stringify(result.stats ?? {})) as Record<string, unknown>,
    coreFollows,
  });
  if (!coreFollows) return;
  const left = Math.max(0, req.timeoutMs - (performance.now() - t0));
  const explained = await explainUntrainable(instance, {
    backend: req.backend,
    timeoutMs: left,
    decided: result,
    onProgress: (p) => scope.postMessage({ id, type: 'core-progress', phase: p.phase, size: p.size, decisions: p.decisions, elapsedMs: p.elapsedMs }),
  });
  scope.postMessage({
    id,
    type: 'core',
    core: explained.core,
    minimal: explained.minimal,
    fits: explained.fits.map((f) => ({ example: f.example, parameters: parametersToJSON(f.parameters) })),
    decisions: explained.decisions,
    time_ms: explained.time_ms,
    ...(explained.unknown ? { unknown: explained.unknown } : {}),
  });
}

scope.onmessage = (e) => {
  solve(e.data).catch((err: unknown) => scope.postMessage({ id: e.data.id, type: 'error', message: errorText(err) }));
};
