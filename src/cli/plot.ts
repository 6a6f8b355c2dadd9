/**
 * `trainsat plot RESULTS.jsonl... -o report.html | -o figure.svg [--svg DIR]`: figures of
 * sweep results, rendered to SVG server-side (Vega-Lite -> Vega -> SVG, src/sweep/plot.ts).
 * `-o X.html` writes a self-contained page (inline SVG, no scripts); `-o X.svg` writes all
 * figures as one SVG; `-o -` writes the page to stdout; `--svg DIR` writes each figure as
 * DIR/sweep-<name>.svg. Records of the deep family also get the depth atlas
 * (src/sweep/plot-depth.ts): a section of the page, and DIR/depth-<name>.svg. Exit 0; 2 bad input (nothing written), including an output that
 * is one of the input files.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { guarded, isStdout, readText, refuseInputsAsOutputs, writeOutput } from './io.js';

export interface PlotArgs {
  files: string[];
  output?: string;
  svg?: string;
  title?: string;
}

export async function plotCommand(args: PlotArgs): Promise<number> {
  const { InputError } = await import('../model/errors.js');
  if (args.output === undefined && args.svg === undefined) throw new InputError('say where to write: -o report.html, -o figure.svg, or --svg DIR', 'plot');
  if (args.output !== undefined && args.output !== '-' && !/\.(html?|svg)$/i.test(args.output)) {
    throw new InputError('-o must end in .html (a report page) or .svg (all figures in one SVG), or be - (the page on stdout)', args.output);
  }
  if (args.svg === '-' || args.svg === '') throw new InputError('--svg needs a directory', '--svg');
  if (args.svg !== undefined && existsSync(args.svg) && !statSync(args.svg).isDirectory()) throw new InputError('--svg needs a directory', args.svg);
  const svgFile = (name: string) => join(args.svg!, `sweep-${name}.svg`);
  const depthFile = (name: string) => join(args.svg!, `depth-${name}.svg`);
  const depthNames = ['trainable', 'time', 'gd', 'disagreement'] as const;
  const svgFiles = args.svg === undefined ? [] : [...['trainable', 'time', 'accuracy', 'regret'].map(svgFile), ...depthNames.map(depthFile)];
  refuseInputsAsOutputs(args.files, [args.output, ...svgFiles]);
  const plot = await import('../sweep/plot.js');
  const depth = await import('../sweep/plot-depth.js');
  const records = args.files.flatMap((f) => plot.parseRecords(readText(f), f));
  if (records.length === 0) throw new InputError('no sweep results to plot', args.files.join(', '));
  if (args.svg !== undefined) {
    const figs = await plot.renderFigures(records);
    const atlas = await depth.renderDepthFigures(records);
    const dir = args.svg;
    let written = 0;
    // An interrupt leaves no half set behind: the figures that did not exist before and
    // the directories this run created are removed (figures it replaced stay replaced).
    await guarded(async (g) => {
      const fresh = svgFiles.filter((f) => !existsSync(f));
      const created = mkdirSync(dir, { recursive: true });
      g.onInterrupt(() => {
        for (const f of fresh) rmSync(f, { force: true });
        if (created !== undefined) rmSync(created, { recursive: true, force: true });
      });
      const figures: [string, string | null | undefined][] = [
        [svgFile('trainable'), figs.trainable],
        [svgFile('time'), figs.time],
        [svgFile('accuracy'), figs.accuracy],
        [svgFile('regret'), figs.regret],
        ...depthNames.map((name): [string, string | null | undefined] => [depthFile(name), atlas[name]]),
      ];
      for (const [file, svg] of figures) {
        if (!svg) continue;
        await writeOutput(file, svg);
        written++;
      }
    });
    process.stderr.write(`trainsat plot: wrote ${written} figures to ${dir}\n`);
  }
  if (args.output !== undefined) {
    const text = /\.svg$/i.test(args.output)
      ? await plot.renderCombinedSvg(records)
      : withDepthSection(await plot.renderReport(records, { title: args.title, sources: args.files }), await depth.depthReportSection(records));
    await writeOutput(args.output, text);
    if (!isStdout(args.output)) process.stderr.write(`trainsat plot: wrote ${args.output}\n`);
  }
  return 0;
}

/** The page with the depth atlas's section before its end (unchanged when the section is empty). */
function withDepthSection(page: string, section: string): string {
  if (section === '') return page;
  const end = page.lastIndexOf('</body>');
  return end < 0 ? page + section : page.slice(0, end) + section + page.slice(end);
}
