/**
 * The playground's picture of an instance and, when there are any, its parameters: the
 * figure the reduction pages draw (reductions/pictures.ts networkFigure over src/draw):
 * for up to 3 inputs the segment, square or cube with the examples coloured by label and
 * each hidden unit's hyperplane clipped to it; for more inputs, with parameters, each
 * example placed by the hidden units' margins; a core of an untrainable instance ringed.
 * `pictureOf` is the one function the page calls; it returns the SVG and the figure's
 * caption, or null when there is nothing to draw.
 */
import { networkFigure } from '../reductions/pictures.js';
import type { Instance, Parameters } from '../src/browser.js';

export type PictureFunction = (instance: Instance, parameters: Parameters | null, core?: readonly number[]) => { svg: string; caption: string } | null;

/** With a core (examples, 0-based), its examples are ringed in red. */
export const pictureOf: PictureFunction = (instance, parameters, core) => networkFigure(instance, parameters ?? undefined, core);
