// npm run bench (artifacts): opening released Bun's artifacts, built at bench time by Bun 1.4.5 from npm. The
// module list of a ~110 MB `bun build --compile` executable against a 1 KB `.jsc` sidecar, in the same run,
// interleaved: time (median), bytes read, memory. Prints figures; asserts nothing.
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { inspectArtifact } from '../../extension/artifact/inspect';
import { FileRangeSource } from '../../extension/node/fileSource';
import { buildSidecar, compileEsmApp } from '../support/realBun';
import { statSync } from 'node:fs';
import { benchArtifactEditor } from './artifactEditorBench';

const RUNS = 21;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(path: string, full: boolean): Promise<{ ms: number; bytesRead: number }> {
  const source = await FileRangeSource.open(path);
  try {
    const start = performance.now();
    const result = full ? await inspectArtifact(source) : await decodeArtifactFrom(source);
    return { ms: performance.now() - start, bytesRead: result.bytesRead };
  } finally {
    await source.close();
  }
}

export async function benchArtifacts(): Promise<void> {
  const { exe } = compileEsmApp('1.4.5');
  const { jsc } = buildSidecar('1.4.5');
  const files = [
    { name: 'sidecar (Bun 1.4.5)', path: jsc, full: false },
    { name: 'executable: module list', path: exe, full: false },
    { name: 'executable: every module checked', path: exe, full: true },
  ];
  const samples = files.map(() => [] as number[]);
  const read = files.map(() => 0);
  for (let run = 0; run < RUNS; run++) {
    for (const [i, f] of files.entries()) {
      const r = await time(f.path, f.full);
      if (run > 0) samples[i]!.push(r.ms);
      read[i] = r.bytesRead;
    }
  }
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const keep = await Promise.all(Array.from({ length: 10 }, () => time(exe, false)));
  const rssPerOpen = (process.memoryUsage().rss - before) / keep.length;
  const sidecarMs = median(samples[0]!);
  console.log('\nReleased Bun artifacts (built now by Bun 1.4.5), medians of', RUNS - 1, 'interleaved runs');
  console.log(['file', 'size', 'median (ms)', 'vs sidecar', 'bytes read', 'read %'].join('\t'));
  files.forEach((f, i) => {
    const size = statSync(f.path).size;
    const ms = median(samples[i]!);
    console.log(
      [f.name, size.toLocaleString('en-US'), ms.toFixed(2), `${(ms / sidecarMs).toFixed(1)}×`, read[i]!.toLocaleString('en-US'), `${((100 * read[i]!) / size).toFixed(3)} %`].join(
        '\t',
      ),
    );
  });
  console.log(`memory: RSS grows by ~${Math.max(0, rssPerOpen / 1024).toFixed(0)} KB per open of the executable (10 opens kept alive)`);
  await benchArtifactEditor(exe, jsc);
}

if (require.main === module) void benchArtifacts();
