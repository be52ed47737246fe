// The dump (`bmes dump`), its JSON (`bmes dump --json`) and the text view's document (Open as Text) of the
// generated 100k-export file: time, and the heap each retains and peaks at. Run by bench.ts (with --expose-gc);
// prints figures, asserts nothing.
import { GCProfiler } from 'node:v8';
import { decodeBmes, dumpJsonText, encodeBmes, type BmesFile } from '../../extension/bmes';

import { dumpText } from '../../extension/cli/dumpText';
import { renderTextView } from '../../extension/textView/render';
import { MANY_EXPORTS_CASE, syntheticCompactBytecode, syntheticRecord } from '../../scripts/samples/synthetic';

const MB = 1024 * 1024;
const RUNS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const gc = () => (global.gc ? (global.gc(), global.gc()) : undefined);

interface Figures {
  ms: number;
  retained: number;
  peak: number;
  outputChars: number;
  diagnostics: number;
}

/**
 * One run on a fresh decode (the object model caches what it made, so a second run on the same decode would
 * look free): the time of `run` alone; retained = what a full GC leaves with the output held (JS heap and
 * array buffers), less what it leaves with only the decode; peak = the most the JS heap held during the run
 * (sampled before each GC, and at its end), less the same baseline's JS heap.
 */
function measure(bytes: Uint8Array, run: (file: BmesFile) => { length: number; text?: string }): Figures {
  const file = decodeBmes(bytes);
  gc();
  const base = process.memoryUsage();
  const profiler = new GCProfiler();
  profiler.start();
  const t0 = performance.now();
  const output = run(file);
  const ms = performance.now() - t0;
  const end = process.memoryUsage().heapUsed;
  const stats = profiler.stop();
  const peak = Math.max(end, ...stats.statistics.map((s) => s.beforeGC.heapStatistics.usedHeapSize));
  gc();
  const after = process.memoryUsage();
  // Read after the GC, so that the output and the decode were both live through it.
  const outputChars = (output.text ?? '').length || output.length;
  const retained = after.heapUsed + after.arrayBuffers - (base.heapUsed + base.arrayBuffers);
  return { ms, retained, peak: peak - base.heapUsed, outputChars, diagnostics: file.diagnostics.length };
}

export function benchDumps(template: Uint8Array): void {
  const bytes = encodeBmes(syntheticRecord(MANY_EXPORTS_CASE.shape), syntheticCompactBytecode(template, MANY_EXPORTS_CASE.bytecodeSize, 7));
  const records = Object.values(MANY_EXPORTS_CASE.shape).reduce((a, b) => a + b, 0);
  const paths: [string, (file: BmesFile) => { length: number; text?: string }][] = [
    ['bmes dump (text)', (file) => dumpText('big.bmes', file, null)],
    ['bmes dump --json', (file) => dumpJsonText(file, null)],
    // The view is kept whole, as the text view keeps it for its hovers: its line map counts.
    ['text view document', (file) => Object.assign(renderTextView('big.bmes', file, null), { length: 0 })],
  ];
  const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
  console.log(
    `dump paths, ${MANY_EXPORTS_CASE.name} (${records.toLocaleString('en-US')} records, ${decodeBmes(bytes).diagnostics.length} diagnostics, ${mb(bytes.length)}); medians of ${RUNS} runs${global.gc ? '' : ' (no --expose-gc: heap figures are rough)'}`,
  );
  for (const [name, run] of paths) {
    const figures = Array.from({ length: RUNS }, () => measure(bytes, run));
    const ms = median(figures.map((f) => f.ms));
    const retained = median(figures.map((f) => f.retained));
    const peak = median(figures.map((f) => f.peak));
    const output = figures[0]!.outputChars;
    if (figures.some((f) => f.diagnostics !== figures[0]!.diagnostics)) throw new Error('the decodes differ');
    console.log(
      `  ${name.padEnd(20)} ${ms.toFixed(0).padStart(5)} ms  output ${mb(output).padStart(8)}  retained ${mb(retained).padStart(8)} (${((retained - output) / records).toFixed(0)} B a record beyond the text)  peak JS heap ${mb(peak).padStart(8)}`,
    );
  }
}
