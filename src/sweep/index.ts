/**
 * Public surface of src/sweep: families of generated instances, the sweep runner
 * (resumable, shardable JSONL), and the plots of its results.
 */
export * from './families.js';
export * from './run.js';
export * from './plot.js';
