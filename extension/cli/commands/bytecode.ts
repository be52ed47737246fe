import { existsSync, readFileSync } from 'node:fs';
import { decodeBmesFrom } from '../../bmes';
import { attribute, decodeBytecodeTree, largestFunctions, readOpcodeTable, stringText, treeJson, treeText, type OpcodeTable } from '../../jscBytecode';
import { FileRangeSource } from '../../node/fileSource';
import { UsageError, parseArgs, parseOffset } from '../args';
import { EXIT_ERRORS, EXIT_OK, IoError, readInput, withFile, type Command } from '../command';
import { printable } from '../text';

const ELF_MAGIC = 0x7f454c46;

export const bytecode: Command = {
  name: 'bytecode',
  synopsis: '<file> [--module NAME] [--json] [--opcodes <bun>] [--disassemble] [--source <file>] [--largest N]',
  summary:
    'The JavaScriptCore code-block tree of a BMES file, sidecar or bare payload: every function with its name, kind, source range, sizes; --disassemble lists instructions (mnemonics from the Bun executable given with --opcodes).',
  async run(argv) {
    const { positionals, options } = parseArgs(argv, ['--module', '--opcodes', '--source', '--largest'], ['--json', '--disassemble']);
    if (positionals.length !== 1) throw new UsageError('bytecode takes exactly one file');
    const path = positionals[0]!;
    const largestArg = options.get('--largest');
    const largest = typeof largestArg === 'string' ? parseOffset(largestArg, '--largest') : null;
    const opcodesPath = options.get('--opcodes');
    const opcodes = typeof opcodesPath === 'string' ? await opcodeTable(opcodesPath) : null;
    const sourcePath = options.get('--source');
    const givenSource = typeof sourcePath === 'string' ? new TextDecoder().decode(await readInput(sourcePath)) : null;

    return withFile(path, async (source) => {
      const head = await source.read(0, Math.min(4, source.size));
      const isElf = head.length === 4 && new DataView(head.buffer, head.byteOffset, 4).getUint32(0, false) === ELF_MAGIC;
      if (options.has('--module') || isElf) {
        throw new IoError(
          `${path}: reading a module out of a Bun executable (--module) needs the executable reader, which this build does not have yet; extract the module's bytecode, or give a BMES file, a sidecar or a bare payload`,
        );
      }
      const { file } = await decodeBmesFrom(source);
      if (!file.bytecode) {
        process.stderr.write(`bmes: ${path}: no JavaScriptCore bytecode found (run 'bmes check ${path}' for why)\n`);
        return EXIT_ERRORS;
      }
      const payload = await source.read(file.bytecode.offset, file.bytecode.length);
      const tree = decodeBytecodeTree(payload, file.bytecode.offset);
      const text = givenSource ?? sourceBeside(path, tree.header.sourceLength);
      const attribution = attribute(tree, text ?? undefined);
      const disassemble = options.has('--disassemble');
      if (options.has('--json')) {
        process.stdout.write(JSON.stringify(treeJson(tree, attribution, { payload, opcodes, disassemble }), null, 2) + '\n');
      } else {
        const lines = treeText(tree, attribution, { payload, opcodes, disassemble, printable });
        if (disassemble && !opcodes) lines.push('(instructions are raw bytes: give --opcodes <bun executable> for mnemonics)');
        if (largest !== null) {
          lines.push(`largest ${largest} functions by own bytes:`);
          for (const f of largestFunctions(attribution, largest)) {
            lines.push(`  ${String(f.ownBytes).padStart(8)} B  ${printable(stringText(f.node.name) ?? '(anonymous)')} ${f.node.kind}${f.lines ? ` lines ${f.lines.first}–${f.lines.last}` : ''}`);
          }
        }
        for (const d of tree.diagnostics) lines.push(`${path}:0x${d.offset.toString(16)}: ${d.severity} ${d.code}: ${d.message}`);
        process.stdout.write(lines.join('\n') + '\n');
      }
      return tree.diagnostics.some((d) => d.severity === 'error') ? EXIT_ERRORS : EXIT_OK;
    });
  },
};

async function opcodeTable(path: string): Promise<OpcodeTable> {
  let file: FileRangeSource;
  try {
    file = await FileRangeSource.open(path);
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const result = await readOpcodeTable(file);
    if (!result.ok) throw new IoError(`${path}: no opcode table: ${result.error}`);
    return result.table;
  } finally {
    await file.close();
  }
}

/**
 * The source beside a cache (`x.js.jsc` → `x.js`, `x.js.bmes` → `x.js`), used only when its length is the one the
 * payload records, so line numbers are never taken from another text.
 */
function sourceBeside(path: string, sourceLength: number | null): string | null {
  if (sourceLength === null) return null;
  const candidate = path.replace(/\.(jsc|bmes)$/, '');
  if (candidate === path || !existsSync(candidate)) return null;
  try {
    const text = new TextDecoder().decode(readFileSync(candidate));
    return text.length === sourceLength ? text : null;
  } catch {
    return null;
  }
}
