// What the model message of the 100k-export file costs to build and to send: the view model's build time, the
// binary part VS Code sends as buffers (each distinct ArrayBuffer once, whole) against the bytes the typed arrays
// view, and the JSON VS Code writes for the rest (extHostWebviewMessaging.ts replaces every typed array by a
// reference, then JSON-encodes). Prints figures; asserts nothing.
import { decodeBmes, encodeBmes } from '../../extension/bmes';
import { buildViewModel } from '../../extension/viewModel/buildViewModel';
import { MANY_EXPORTS_CASE, syntheticCompactBytecode, syntheticRecord } from '../../scripts/samples/synthetic';
import { postedBuffers } from '../support/postedBuffers';

const RUNS = 9;
const median = (v: readonly number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

/** The JSON VS Code writes for a message: typed arrays and ArrayBuffers become small references. */
function jsonPart(message: unknown): string {
  return JSON.stringify(message, (_key, value: unknown) =>
    ArrayBuffer.isView(value) || value instanceof ArrayBuffer ? { $$vscode_array_buffer_reference$$: true, index: 0 } : value,
  );
}

export function benchModelMessage(template: Uint8Array): void {
  const c = MANY_EXPORTS_CASE;
  const bytes = encodeBmes(syntheticRecord(c.shape), syntheticCompactBytecode(template, c.bytecodeSize, 7));
  const builds: number[] = [];
  const clones: number[] = [];
  let message: unknown = null;
  for (let i = 0; i < RUNS; i++) {
    const file = decodeBmes(bytes);
    const t0 = performance.now();
    const model = buildViewModel(file);
    builds.push(performance.now() - t0);
    message = { type: 'model', generation: 1, fileName: 'x.bmes', model };
    const t1 = performance.now();
    structuredClone(message);
    clones.push(performance.now() - t1);
  }
  const posted = postedBuffers(message);
  const json = jsonPart(message);
  console.log('');
  console.log(
    `Model message of "${c.name}" (${(c.shape.exports + c.shape.declared).toLocaleString('en-US')}+ rows, medians of ${RUNS}): view model built in ${median(builds).toFixed(1)} ms; ` +
      `binary ${mb(posted.sent)} in ${posted.buffers} buffers for ${mb(posted.viewed)} of views (${(((posted.sent - posted.viewed) / posted.viewed) * 100).toFixed(3)} % more); ` +
      `JSON part ${(json.length / 1024).toFixed(1)} KB; structured clone ${median(clones).toFixed(1)} ms`,
  );
}
