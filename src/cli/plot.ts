/**
 * `trainsat plot RESULTS.jsonl... -o report.html | -o figure.svg [--svg DIR]`: figures of
 * sweep results, rendered to SVG server-side (Vega-Lite -> Vega -> SVG, src/sweep/plot.ts).
 * `-o X.html` writes a self-contained page (inline SVG, no scripts); `-o X.svg` writes all
 * figures as one SVG; `--svg DIR` writes each figure as DIR/sweep-<name>.svg.
 * Exit 0; 2 bad input (nothing written).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readText, writeAtomic } from './io.js';

export interface PlotArgs {
  files: string[];
  output?: string;
  svg?: string;
  title?: string;
}

export async function plotCommand(args: PlotArgs): Promise<number> {
  const { InputError } = await import('../model/errors.js');
  if (args.output === undefined && args.svg === undefined) throw new InputError('say where to write: -o report.html, -o figure.svg, or --svg DIR', 'plot');
  if (args.output !== undefined && !/\.(html?|svg)$/i.test(args.output)) {
    throw new InputError('-o must end in .html (a report page) or .svg (all figures in one SVG)', args.output);
  }
  if (args.svg !== undefined && existsSync(args.svg) && !statSync(args.svg).isDirectory()) throw new InputError('--svg needs a directory', args.svg);
  const plot = await import('../sweep/plot.js');
  const records = args.files.flatMap((f) => plot.parseRecords(readText(f), f));
  if (records.length === 0) throw new InputError('no sweep results to plot', args.files.join(', '));
  if (args.svg !== undefined) {
    const figs = await plot.renderFigures(records);
    mkdirSync(args.svg, { recursive: true });
    writeAtomic(join(args.svg, 'sweep-trainable.svg'), figs.trainable);
    writeAtomic(join(args.svg, 'sweep-time.svg'), figs.time);
    if (figs.accuracy) writeAtomic(join(args.svg, 'sweep-accuracy.svg'), figs.accuracy);
  }
  if (args.output !== undefined) {
    const text = /\.svg$/i.test(args.output)
      ? await plot.renderCombinedSvg(records)
      : await plot.renderReport(records, { title: args.title, sources: args.files });
    writeAtomic(args.output, text);
  }
  return 0;
}
