import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ratio, type Benchmark, type BenchRow } from './harness';

const benchDir = import.meta.dirname;
const filter = process.argv[2];

function formatNumber(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(3);
}

function printTable(benchName: string, rows: readonly BenchRow[]): void {
  console.log(`\n## ${benchName}`);
  const lines = rows.map((row) => {
    const r = ratio(row);
    return [
      row.name,
      `${formatNumber(row.value)} ${row.unit}`,
      row.baseline ? `${row.baseline.name}: ${formatNumber(row.baseline.value)} ${row.unit}` : '',
      r === undefined ? '' : `${row.asSpeedup ? `${(1 / r).toFixed(1 / r < 10 ? 1 : 0)}× faster` : `${r.toFixed(2)}×`}${row.pairedRatio === undefined ? '' : ' (paired)'}`,
      row.target ?? '',
    ];
  });
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines]) console.log(line.map((cell, i) => cell.padEnd(widths[i]!)).join(' | '));
}

const files = (await readdir(benchDir)).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort();
const results: Record<string, BenchRow[]> = {};
for (const file of files) {
  const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as { default: Benchmark };
  const rows = await mod.default.run();
  results[mod.default.name] = rows;
  printTable(mod.default.name, rows);
}

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
await mkdir(join(benchDir, 'results'), { recursive: true });
const out = join(benchDir, 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
await writeFile(out, JSON.stringify({ machine, results }, null, 2));
console.log(`\nmachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
console.log(`results written to ${out}`);
