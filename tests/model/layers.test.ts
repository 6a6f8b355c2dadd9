import { describe, expect, it } from 'vitest';
import { layersOf, oneVsRestShaped } from '../../src/model/layers.js';
import { parseInstance } from '../../src/model/parse.js';

const net = (network: object, examples: object[] = []) => parseInstance(JSON.stringify({ network, examples }), 'n.json');

describe('layersOf', () => {
  it('finds the layers of the layered preset, in order', () => {
    const inst = net({ preset: 'layered', inputs: 3, hidden: [2, 4], classes: 3, weights: { min: -1, max: 1 } });
    const layers = layersOf(inst.network)!;
    expect(layers.hidden.map((l) => l.map((u) => u.id))).toEqual([['h1_1', 'h1_2'], ['h2_1', 'h2_2', 'h2_3', 'h2_4']]);
    expect(layers.output.map((u) => u.id)).toEqual(['o0', 'o1', 'o2']);
    expect(oneVsRestShaped(inst)).toBe(false);
    expect(oneVsRestShaped(net({ preset: 'layered', inputs: 3, hidden: [3, 4], classes: 3, weights: { min: -1, max: 1 } }))).toBe(true);
  });

  it('no hidden layer: the outputs read the inputs', () => {
    const layers = layersOf(net({ preset: 'layered', inputs: 2, hidden: [], classes: 2, weights: { min: 0, max: 2 } }).network)!;
    expect(layers.hidden).toEqual([]);
    expect(layers.output.map((u) => u.inputs)).toEqual([['x0', 'x1'], ['x0', 'x1']]);
  });

  it('null for real weights, a skipped layer, a unit reading part of a layer, or gates', () => {
    expect(layersOf(net({ preset: 'layered', inputs: 2, hidden: [2] }).network)).toBeNull();
    const iw = { min: -1, max: 1 };
    const unit = (id: string, inputs: string[]) => ({ id, kind: 'threshold', inputs, integerWeights: iw });
    expect(layersOf(net({ inputs: 2, units: [unit('a', ['x0', 'x1']), unit('out', ['a', 'x0'])], outputs: ['out'] }).network)).toBeNull();
    expect(layersOf(net({ inputs: 2, units: [unit('a', ['x0', 'x1']), unit('b', ['x0']), unit('out', ['a', 'b'])], outputs: ['out'] }).network)).toBeNull();
    expect(layersOf(net({ inputs: 2, units: [{ id: 'a', kind: 'and', inputs: ['x0', 'x1'] }, unit('out', ['a'])], outputs: ['out'] }).network)).toBeNull();
    expect(layersOf(net({ inputs: 2, units: [unit('a', ['x0', 'x1']), unit('out', ['a'])], outputs: ['out'] }).network)?.hidden.length).toBe(1);
  });
});
