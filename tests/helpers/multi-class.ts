/**
 * Multi-class instances as JSON, for the tests of parsing, evaluation and the schema: a
 * written-out network with classes, score units over an input and a hidden unit, one with
 * a bounded and one with an any-integer threshold range.
 */
export function explicitClassesJson(): Record<string, any> {
  return {
    network: {
      inputs: 2,
      classes: 2,
      units: [
        { id: 'h', kind: 'threshold', inputs: ['x0', 'x1'], integerWeights: { min: -2, max: 2, threshold: 'any' } },
        { id: 'a', kind: 'score', inputs: ['x0', 'h'] },
        { id: 'b', kind: 'score', inputs: ['x1', 'h'], integerWeights: { min: 0, max: 3 } },
      ],
      outputs: ['a', 'b'],
    },
    examples: [
      { x: ['1/2', 3], label: 1 },
      { x: [2, 0], label: 0 },
    ],
  };
}
