import { existsSync, readFileSync } from 'node:fs';
import { artifactKindName, decodeArtifactFrom } from '../../artifact/decodeArtifact';
import { decodeBytecodeStringTable } from '../../bunRecord/bytecodeStringTable';
import { attribute, decodeBytecodeTree, largestFunctions, readOpcodeTable, stringText, treeJson, treeText, type OpcodeTable } from '../../jscBytecode';
import type { FileRangeSource } from '../../node/fileSource';
import { UsageError, parseArgs, parseOffset } from '../args';
import { EXIT_ERRORS, EXIT_OK, IoError, readInput, withFile, type Command } from '../command';
import { printable } from '../text';

export const bytecode: Command = {
  name: 'bytecode',
  synopsis: '<file> [--module NAME] [--json] [--opcodes <bun>] [--disassemble] [--source <file>] [--largest N]',
  summary:
    "The JavaScriptCore code-block tree of a BMES file, sidecar, bare payload or an executable's module: every function with its name, kind, source range and sizes; --disassemble lists instructions (mnemonics from --opcodes <bun>, or the executable's own table).",
  help: `  --json                     the tree as JSON: one flat entry per node in pre-order
  --disassemble              each code block's instructions (mnemonics from --opcodes, or an executable's own table)
  --opcodes <bun>            the Bun executable whose opcode tables name the instructions (read, never run)
  --source <file>            the source, for source lines (default: the file beside the cache, when it fits)
  --largest N                the N functions with the most own bytes
  --module NAME              a module of a 'bun build --compile' executable

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.`,
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
      const input = await payloadOf(path, source, options.get('--module'));
      // An executable is itself a Bun: its own opcode table names its modules' instructions.
      const table = opcodes ?? (input.executable && options.has('--disassemble') ? await opcodeTable(path) : null);
      const tree = decodeBytecodeTree(input.payload, input.offset, input.resolveString ? { resolveString: input.resolveString } : {});
      const text = givenSource ?? input.sourceText ?? sourceBeside(path, tree.header.sourceLength);
      const attribution = attribute(tree, text ?? undefined);
      const disassemble = options.has('--disassemble');
      const payload = input.payload;
      if (options.has('--json')) {
        process.stdout.write(JSON.stringify(treeJson(tree, attribution, { payload, opcodes: table, disassemble }), null, 2) + '\n');
      } else {
        const lines = input.title ? [input.title] : [];
        lines.push(...treeText(tree, attribution, { payload, opcodes: table, disassemble, printable }));
        if (disassemble && !table) lines.push('(instructions are raw bytes: give --opcodes <bun executable> for mnemonics)');
        if (largest !== null) {
          lines.push(`largest ${largest} functions by own bytes:`);
          for (const f of largestFunctions(attribution, largest)) {
            lines.push(
              `  ${String(f.ownBytes).padStart(8)} B  ${printable(stringText(f.node.name) ?? '(anonymous)')} ${f.node.kind}${f.lines ? ` lines ${f.lines.first}–${f.lines.last}` : ''}`,
            );
          }
        }
        for (const d of tree.diagnostics) lines.push(`${path}:0x${d.offset.toString(16)}: ${d.severity} ${d.code}: ${d.message}`);
        process.stdout.write(lines.join('\n') + '\n');
      }
      return tree.diagnostics.some((d) => d.severity === 'error') ? EXIT_ERRORS : EXIT_OK;
    });
  },
};

interface PayloadInput {
  readonly payload: Uint8Array;
  readonly offset: number;
  readonly executable: boolean;
  readonly title: string | null;
  readonly sourceText: string | null;
  readonly resolveString: ((ordinal: number) => string | null) | null;
}

/**
 * The payload to decode: a BMES file's bytecode section, a sidecar's or bare payload, or (with --module) one
 * module of a `bun --compile` executable, with that module's source and the executable's shared string table.
 */
async function payloadOf(path: string, source: FileRangeSource, moduleName: string | true | undefined): Promise<PayloadInput> {
  const { artifact, reader } = await decodeArtifactFrom(source);
  const plain = async (span: { offset: number; length: number }): Promise<PayloadInput> => ({
    payload: await source.read(span.offset, span.length),
    offset: span.offset,
    executable: false,
    title: null,
    sourceText: null,
    resolveString: null,
  });
  if (artifact.kind !== 'executable' && typeof moduleName === 'string') {
    throw new UsageError(`--module picks a module of a Bun --compile executable; ${path} is a ${artifactKindName(artifact)}`);
  }
  switch (artifact.kind) {
    case 'bmes':
      if (!artifact.file.bytecode) throw new IoError(`${path}: no JavaScriptCore bytecode found (run 'bmes check ${path}' for why)`);
      return plain(artifact.file.bytecode);
    case 'jsc-payload':
      return plain(artifact.payload);
    case 'unknown':
      throw new IoError(`${path}: ${artifact.reason}`);
    case 'executable': {
      const withBytecode = artifact.modules.filter((m) => m.bytecode.present && m.bytecode.inBounds && m.bytecode.length > 0);
      const names = withBytecode.map((m) => `"${printable(m.nameText)}"`).join(', ') || 'none';
      if (typeof moduleName !== 'string') {
        if (withBytecode.length !== 1) throw new UsageError(`${path} is a Bun executable: choose a module with --module NAME (modules with bytecode: ${names})`);
      }
      const wanted = typeof moduleName === 'string' ? moduleName : withBytecode[0]!.nameText;
      const module = withBytecode.find((m) => wanted === m.nameText || wanted === `#${m.index}` || m.nameText.endsWith('/' + wanted));
      if (!module) throw new UsageError(`no module "${printable(wanted)}" with bytecode in ${path} (modules with bytecode: ${names})`);
      const table = artifact.optional?.bytecodeStringTable;
      const strings = table && table.present && table.inBounds ? decodeBytecodeStringTable(await reader.read(table.offset, table.length), table.offset) : null;
      const contents = module.contents.present && module.contents.inBounds ? await reader.read(module.contents.offset, module.contents.length) : null;
      return {
        payload: await reader.read(module.bytecode.offset, module.bytecode.length),
        offset: module.bytecode.offset,
        executable: true,
        title: `module ${printable(module.nameText)} of ${printable(path)}`,
        sourceText: contents ? new TextDecoder().decode(contents) : null,
        resolveString: strings ? (ordinal) => strings.entries[ordinal]?.value ?? null : null,
      };
    }
  }
}

async function opcodeTable(path: string): Promise<OpcodeTable> {
  return withFile(path, async (file) => {
    const result = await readOpcodeTable(file);
    if (!result.ok) throw new IoError(`${path}: no opcode table: ${result.error}`);
    return result.table;
  });
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
