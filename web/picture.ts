/**
 * The playground's picture of an instance and, when there are any, its parameters: an SVG
 * string made by a function `(instance, parameters) => svg`. `pictureOf` is the one plug-in
 * point: the page draws whatever it returns (an empty string draws nothing), so a richer
 * drawing module replaces the assignment below and nothing else.
 *
 * The stand-in drawn here: for 2 inputs the unit square, for 3 the unit cube in an oblique
 * projection, with every example a point coloured by its first label (filled: 1, open: 0);
 * with 2 inputs each threshold unit reading the inputs directly also gets its line
 * w0 x0 + w1 x1 = t, clipped to the square (its half-plane w·x >= t is the side it fires on).
 */
import type { Instance, Parameters } from '../src/browser.js';

export type PictureFunction = (instance: Instance, parameters: Parameters | null) => string;

const SIZE = 260;
const PAD = 36;
const LINE_COLOURS = ['#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02'];

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The points where w0 x + w1 y = t crosses the border of [lo, hi]^2, at most two distinct. */
function clipLine(w0: number, w1: number, t: number, lo: number, hi: number): [number, number][] {
  const pts: [number, number][] = [];
  const add = (x: number, y: number): void => {
    if (x >= lo - 1e-9 && x <= hi + 1e-9 && y >= lo - 1e-9 && y <= hi + 1e-9 && !pts.some(([a, b]) => Math.abs(a - x) < 1e-9 && Math.abs(b - y) < 1e-9)) pts.push([x, y]);
  };
  if (w1 !== 0) for (const x of [lo, hi]) add(x, (t - w0 * x) / w1);
  if (w0 !== 0) for (const y of [lo, hi]) add((t - w1 * y) / w0, y);
  return pts.slice(0, 2);
}

/** The stand-in picture (see the file comment); '' when there are not 2 or 3 inputs. */
export const smallCubePicture: PictureFunction = (instance, parameters) => {
  const n = instance.network.inputs;
  if (n !== 2 && n !== 3) return '';
  const xs = instance.examples.map((e) => e.x.map((v) => v.toNumber()));
  const all = xs.flat();
  const lo = Math.min(0, ...all);
  const hi = Math.max(1, ...all);
  // the oblique third axis adds 0.45 of a side across and 0.3 up
  const scale = (SIZE - 2 * PAD) / (hi - lo) / (n === 3 ? 1.45 : 1);
  // oblique projection: the third axis goes up and to the right at half length
  const project = (p: number[]): [number, number] => {
    const z = n === 3 ? p[2] - lo : 0;
    return [PAD + (p[0] - lo) * scale + z * scale * 0.45, SIZE - PAD - (p[1] - lo) * scale - z * scale * 0.3];
  };
  const parts: string[] = [];
  const corners = n === 2 ? [[lo, lo], [hi, lo], [hi, hi], [lo, hi]] : [];
  if (n === 2) parts.push(`<polygon points="${corners.map((c) => project(c).join(',')).join(' ')}" fill="#fafafa" stroke="#999"/>`);
  else {
    for (let a = 0; a < 8; a++) {
      for (let b = a + 1; b < 8; b++) {
        const diff = a ^ b;
        if (diff !== 1 && diff !== 2 && diff !== 4) continue;
        const p = [0, 1, 2].map((i) => ((a >> i) & 1 ? hi : lo));
        const q = [0, 1, 2].map((i) => ((b >> i) & 1 ? hi : lo));
        const [x1, y1] = project(p);
        const [x2, y2] = project(q);
        parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#bbb"/>`);
      }
    }
  }
  if (n === 2 && parameters) {
    let k = 0;
    for (const unit of instance.network.units) {
      const p = parameters[unit.id];
      if (unit.kind !== 'threshold' || !p || !('weights' in p) || unit.inputs.join() !== 'x0,x1') continue;
      const seg = clipLine(p.weights[0].toNumber(), p.weights[1].toNumber(), p.threshold.toNumber(), lo, hi);
      const colour = LINE_COLOURS[k++ % LINE_COLOURS.length];
      if (seg.length === 2) {
        const [a, b] = seg.map(project);
        parts.push(`<line class="hyperplane" data-unit="${esc(unit.id)}" x1="${a[0]}" y1="${a[1]}" x2="${b[0]}" y2="${b[1]}" stroke="${colour}" stroke-width="2"/>`);
        // the unit fires on the side its weights point to: a short arrow from the line that way,
        // at a different place along the line per unit so that coinciding lines stay readable
        const along = 0.3 + 0.4 * ((k - 1) % 2);
        const mx = a[0] + (b[0] - a[0]) * along;
        const my = a[1] + (b[1] - a[1]) * along;
        const w0 = p.weights[0].toNumber();
        const w1 = -p.weights[1].toNumber(); // screen y grows downwards
        const len = Math.hypot(w0, w1) || 1;
        const ax = mx + (18 * w0) / len;
        const ay = my + (18 * w1) / len;
        parts.push(`<line x1="${mx}" y1="${my}" x2="${ax}" y2="${ay}" stroke="${colour}" stroke-width="2" marker-end="url(#fires)"/>`);
        parts.push(`<text x="${ax + 3}" y="${ay + 4}" fill="${colour}" font-size="12">${esc(unit.id)}</text>`);
      }
    }
  }
  xs.forEach((p, i) => {
    const [x, y] = project(p);
    const ex = instance.examples[i];
    const on = (ex.label ?? ex.y[0]) === 1;
    parts.push(`<circle class="example" cx="${x}" cy="${y}" r="6" fill="${on ? '#1b9e77' : '#fff'}" stroke="#1b9e77" stroke-width="2"><title>example ${i}: x = (${ex.x.join(', ')}), y = ${ex.label ?? ex.y.join(', ')}</title></circle>`);
  });
  const axes = n === 2 ? 'x0 →, x1 ↑' : 'x0 →, x1 ↑, x2 ↗';
  parts.push(`<text x="${PAD}" y="${SIZE - 8}" font-size="11" fill="#555">${axes}; filled: label 1${n === 2 && parameters ? '; arrow: side a unit fires' : ''}</text>`);
  const marker = '<defs><marker id="fires" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" aria-label="the examples${parameters ? ' and the threshold units' : ''}">${marker}${parts.join('')}</svg>`;
};

/** The picture the page draws: the plug-in point for a richer drawing module. */
export const pictureOf: PictureFunction = smallCubePicture;
