/**
 * Property tests explore new random cases on every local run, but CI (CI=true) runs one
 * fixed sample so that a green main stays green; set FC_SEED to replay a failure printed
 * by fast-check, or to pin the seed locally.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? 20261127 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
