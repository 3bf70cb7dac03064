// The benchmarks' results file: each script adds its section to bench/results/latest.json (or
// BENCH_RESULTS), keeping what the other scripts of the same `npm run bench` wrote.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS = process.env.BENCH_RESULTS ?? join(root, 'bench/results/latest.json');

export function addResults(section: string, value: unknown): void {
  let previous: Record<string, unknown> = {};
  try {
    previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  } catch {
    // the first script of the run
  }
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify({ ...previous, [section]: value }, null, 2)}\n`);
  console.log(`  results: ${RESULTS} (${section})\n`);
}

/** A number for people: 12,345.6 */
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
