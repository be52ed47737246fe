// npm run bench: decode figures for generated files of the seeds' six sizes plus one with 100,000 exports, then
// the text view of a file with 100,000 records, the decoder against a generated Kaitai Struct parser (decodeVsKaitai.ts).
// Prints figures; asserts nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_RECORD, decodeBmes, decodeBmesFrom, encodeBmes } from '../../extension/bmes';
import { renderTextView } from '../../extension/textView/render';
import { FileRangeSource } from '../../extension/node/fileSource';
import { benchDecodeVsKaitai } from './decodeVsKaitai';
import { benchDumps } from './dumpBench';
import { benchModelMessage } from './modelMessageBench';
import { MANY_EXPORTS_CASE, SEED_CASES, shapeForSource, syntheticCompactBytecode, syntheticRecord, type BenchCase } from '../../scripts/samples/synthetic';

const template = new Uint8Array(readFileSync(join(__dirname, '../fixtures/jsc/bun-1.4.4-esm/module.bytecode')));
const dir = mkdtempSync(join(tmpdir(), 'bmes-bench-'));

type Case = BenchCase;

const KB = 1024;
const MB = 1024 * KB;
const cases: Case[] = [...SEED_CASES, MANY_EXPORTS_CASE];
// Same metadata as "tiny", with the bytecode of "huge": decoding must cost the same.
cases.push({ name: 'tiny-meta+49MB', shape: shapeForSource(12 * KB), bytecodeSize: Math.round(20 * MB * 2.5) });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const fmtBytes = (n: number) => (n >= MB ? `${(n / MB).toFixed(1)} MB` : n >= KB ? `${(n / KB).toFixed(1)} KB` : `${n} B`);

/** The text view (Open as Text, `bmes dump`) of a file with 100,000 variables and thousands of diagnostics. */
function benchTextView(): void {
  const variables = Array.from({ length: 100_000 }, (_, i) => ({ name: `v${i}`, bits: i % 3 === 0 ? 0x100004 : 0x4 }));
  const file = decodeBmes(encodeBmes({ ...EMPTY_RECORD, declaredVariables: variables }, template));
  const times: number[] = [];
  let lines = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    lines = renderTextView('big', file, null).lines.length;
    times.push(performance.now() - t0);
  }
  console.log(`text view: ${lines.toLocaleString('en-US')} lines, ${file.diagnostics.length} diagnostics placed, ${median(times).toFixed(0)} ms (median of 5)`);
}

async function main(): Promise<void> {
  const rows: string[][] = [['file', 'size', 'metadata', 'records', 'ranged decode (ms)', 'bytes read', 'read %', 'in-memory decode (ms)', 'heap Δ']];
  for (const c of cases) {
    const bytes = encodeBmes(syntheticRecord(c.shape), syntheticCompactBytecode(template, c.bytecodeSize, 7));
    const path = join(dir, `${c.name}.bmes`);
    writeFileSync(path, bytes);
    const records = c.shape.requests + c.shape.imports + c.shape.exports + c.shape.declared + c.shape.lexical;
    const runs = bytes.length > 20 * MB ? 5 : 9;

    const ranged: number[] = [];
    let bytesRead = 0;
    let metadataBytes = 0;
    for (let i = 0; i < runs; i++) {
      const source = await FileRangeSource.open(path);
      const t0 = performance.now();
      const { file, bytesRead: read } = await decodeBmesFrom(source);
      ranged.push(performance.now() - t0);
      await source.close();
      bytesRead = read;
      metadataBytes = (file.metadataEnd ?? 0) - 16;
      if (file.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${c.name}: unexpected errors`);
    }
    const inMemory: number[] = [];
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      decodeBmes(bytes);
      inMemory.push(performance.now() - t0);
    }
    const heapDelta = process.memoryUsage().heapUsed - heapBefore;
    rows.push([
      c.name,
      fmtBytes(bytes.length),
      fmtBytes(metadataBytes),
      String(records),
      median(ranged).toFixed(2),
      fmtBytes(bytesRead),
      ((bytesRead / bytes.length) * 100).toFixed(1),
      median(inMemory).toFixed(2),
      fmtBytes(Math.max(0, heapDelta)),
    ]);
    rmSync(path);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(`node ${process.version}, ${process.platform}/${process.arch}; medians of 5–9 runs`);
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  rmSync(dir, { recursive: true, force: true });
  benchTextView();
  benchDumps(template);
  benchModelMessage(template);
  await benchDecodeVsKaitai(template);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
