// npm run bench (bytecode): the code-block tree of the payload of a ~2 MB bundle, built at bench time by Bun 1.4.5
// from npm (react-dom's two development builds from node_modules, bundled with `bun build --bytecode`). In the
// same run, interleaved, two peers over the same bytes: the JavaScriptCore header decode and a plain byte scan
// (the floor for touching every byte once). Also the attribution, the disassembly of every code block, and the
// opcode-table read from the Bun executable (time and bytes read). Prints figures and ratios; asserts nothing.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJscSection, windowOver } from '../../extension/bmes';
import { attribute, codeBlocksOf, decodeBytecodeTree, disassemble, functionsOf, readOpcodeTable } from '../../extension/jscBytecode';
import { FileRangeSource } from '../../extension/node/fileSource';
import { buildWithBun, releasedBun } from '../support/bunBuild';

const RUNS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const NODE_MODULES = join(__dirname, '../../node_modules');

function bundleSource(): string {
  const files = ['react-dom/cjs/react-dom-client.development.js', 'react-dom/cjs/react-dom-profiling.development.js'];
  return (
    files.map((f, i) => `const m${i} = require(${JSON.stringify(join(NODE_MODULES, f))});`).join('\n') + `\nmodule.exports = { ${files.map((_, i) => `m${i}`).join(', ')} };\n`
  );
}

/** The floor: one pass over every byte. */
function byteScan(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum = (sum + bytes[i]!) | 0;
  return sum;
}

export async function benchBytecode(): Promise<void> {
  const bun = releasedBun();
  const built = buildWithBun(bun, bundleSource(), 'bundle.js');
  const payload = built.payload;
  const tree = decodeBytecodeTree(payload, 0);
  if (tree.diagnostics.length) throw new Error(`the bundle's tree has diagnostics: ${tree.diagnostics[0]!.message}`);
  const functions = [...functionsOf(tree)];
  const blocks = [tree.top!, ...functions.flatMap((v) => codeBlocksOf(v.node))];

  const source = await FileRangeSource.open(bun);
  const t0 = performance.now();
  const opcodes = await readOpcodeTable(source);
  const opcodeMs = performance.now() - t0;
  await source.close();
  if (!opcodes.ok) throw new Error(opcodes.error);

  const cases: { name: string; run: () => unknown }[] = [
    { name: 'byte scan (peer)', run: () => byteScan(payload) },
    { name: 'JSC header decode (peer)', run: () => decodeJscSection(windowOver(payload), 0, payload.length) },
    { name: 'code-block tree', run: () => decodeBytecodeTree(payload, 0) },
    { name: 'tree + attribution', run: () => attribute(decodeBytecodeTree(payload, 0), built.source) },
    {
      name: 'disassemble every block',
      run: () => {
        let n = 0;
        for (const b of blocks) {
          const s = b.instructions.span;
          n += disassemble(payload.subarray(s.offset, s.offset + s.length), s.offset, opcodes.table).instructions.length;
        }
        return n;
      },
    },
  ];
  const samples = cases.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) {
    for (const [i, c] of cases.entries()) {
      const start = performance.now();
      c.run();
      if (run > 0) samples[i]!.push(performance.now() - start);
    }
  }
  const instructions = cases[4]!.run() as number;
  const scanMs = median(samples[0]!);
  console.log(
    `\nBytecode tree of a ${(built.source.length / 1e6).toFixed(2)} MB bundle built now by Bun 1.4.5: payload ${payload.length.toLocaleString('en-US')} bytes, ${functions.length.toLocaleString('en-US')} functions, ${blocks.length.toLocaleString('en-US')} code blocks, ${instructions.toLocaleString('en-US')} instructions; medians of ${RUNS - 1} interleaved runs`,
  );
  console.log(['case', 'median (ms)', 'MB/s', 'vs byte scan'].join('\t'));
  cases.forEach((c, i) => {
    const ms = median(samples[i]!);
    console.log([c.name, ms.toFixed(3), (payload.length / 1e6 / (ms / 1000)).toFixed(0), `${(ms / scanMs).toFixed(ms < scanMs ? 3 : 1)}×`].join('\t'));
  });
  const size = statSync(bun).size;
  console.log(
    `opcode table of the Bun executable (${opcodes.table.names.length} opcodes): ${opcodeMs.toFixed(0)} ms once, ${opcodes.bytesRead.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} bytes read (${((100 * opcodes.bytesRead) / size).toFixed(1)} %)`,
  );
}

if (require.main === module) void benchBytecode();
