/**
 * Public surface of the CNF layer: the builder with its Tseitin gates (Tseitin 1968),
 * cardinality constraints (totalizer, Bailleux & Boufkhad 2003; sequential counter,
 * Sinz 2005) and exact bit-vector arithmetic (adder networks after Eén & Sörensson 2006),
 * plus DIMACS reading/writing (dimacs.ts). Re-exported here so callers import one module.
 */
export * from './builder.js';
export * from './cardinality.js';
export * from './arith.js';
export * from './dimacs.js';
