/**
 * The Palmer penguins (Gorman, Williams & Fraser, PLoS ONE 9(3), 2014; the R package
 * palmerpenguins; CC0): 344 penguins of 3 species, shipped with trainsat as
 * datasets/penguins.csv (its source and licence: datasets/README.md), as a Table
 * (table.ts). Eleven rows have a missing value, an empty cell.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCsv } from './csv.js';
import type { NamedTable, Table } from './table.js';

const PENGUINS_SOURCE = 'Palmer penguins (Gorman et al. 2014; palmerpenguins, CC0; datasets/penguins.csv)';

/** datasets/penguins.csv of the package: two levels up from src/data, three from dist/src/data. */
function penguinsPath(): string {
  for (const up of ['../../', '../../../']) {
    const path = fileURLToPath(new URL(`${up}datasets/penguins.csv`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('internal: datasets/penguins.csv is missing from the trainsat package');
}

export function penguinsTable(): Table {
  const path = penguinsPath();
  return readCsv(readFileSync(path, 'utf8'), 'datasets/penguins.csv');
}

/** The penguins as a built-in data set: label `species`; the rows with a missing value left out. */
export function penguinsData(): NamedTable {
  return { table: penguinsTable(), name: 'penguins', source: PENGUINS_SOURCE, label: 'species', dropIncomplete: true };
}
