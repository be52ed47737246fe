import { mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { artifactKindName } from '../../artifact/decodeArtifact';
import { decodeArtifactFrom } from '../../artifact/decodeArtifact';
import { extractSegments } from '../../bunExecutable/extractPath';
import type { GraphPointer } from '../../bunExecutable/model';
import { writeFileAtomic } from '../../node/atomicWrite';
import { UsageError, parseArgs } from '../args';
import { EXIT_OK, IoError, withFile, type Command } from '../command';
import { printable } from '../text';

/** Refuses any target outside `root`, after resolving the links that exist on the way. */
async function insideRoot(root: string, target: string): Promise<string> {
  const path = resolve(root, target);
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new IoError(`refusing to write ${printable(path)}: outside ${printable(root)}`);
  const parent = resolve(path, '..');
  await mkdir(parent, { recursive: true });
  const realParent = await realpath(parent);
  const realRoot = await realpath(root);
  if (realParent !== realRoot && !realParent.startsWith(realRoot + sep)) throw new IoError(`refusing to write ${printable(path)}: its folder resolves outside ${printable(root)}`);
  return path;
}

export const extract: Command = {
  name: 'extract',
  synopsis: '<executable> [module…] --out <dir>',
  summary: "Writes each module's contents, bytecode (as a .jsc `bmes dump` opens), module_info and source map, and the graph's shared tables, below <dir> only.",
  help: `  [module…]                  the modules to extract, by name (default: all)
  --out <dir>                the folder to write into; names from the file are made safe and every write stays
                             inside it

Exit status: 0 written, 2 usage or I/O error.`,
  async run(argv) {
    const { positionals, options } = parseArgs(argv, ['--out'], []);
    const out = options.get('--out');
    if (typeof out !== 'string') throw new UsageError('extract needs --out <dir>');
    if (positionals.length < 1) throw new UsageError('extract takes an executable and optional module names');
    const [path, ...wanted] = positionals as [string, ...string[]];
    const root = resolve(out);
    await mkdir(root, { recursive: true });
    return withFile(path, async (source) => {
      const { artifact, reader } = await decodeArtifactFrom(source);
      if (artifact.kind !== 'executable') throw new IoError(`${path} is not a Bun --compile executable: it is a ${artifactKindName(artifact)}`);
      const chosen =
        wanted.length === 0 ? artifact.modules : artifact.modules.filter((m) => wanted.some((w) => w === m.nameText || w === `#${m.index}` || m.nameText.endsWith('/' + w)));
      const missing = wanted.filter((w) => !artifact.modules.some((m) => w === m.nameText || w === `#${m.index}` || m.nameText.endsWith('/' + w)));
      if (missing.length > 0) throw new UsageError(`no module named ${missing.map((m) => `"${printable(m)}"`).join(', ')} (see bmes graph)`);
      const written: string[] = [];
      const write = async (relativePath: string, pointer: GraphPointer | null) => {
        if (!pointer || !pointer.present || !pointer.inBounds) return;
        const target = await insideRoot(root, relativePath);
        await writeFileAtomic(target, await reader.read(pointer.offset, pointer.length));
        written.push(join(out, relative(root, target)));
      };
      for (const m of chosen) {
        const base = join(...extractSegments(m.nameText, m.index));
        await write(base, m.contents);
        await write(`${base}.jsc`, m.bytecode);
        await write(`${base}.module_info`, m.moduleInfo);
        await write(`${base}.map`, m.sourcemap);
      }
      const t = artifact.optional;
      if (t && wanted.length === 0) {
        await write(join('_graph', 'bytecode-strings.bin'), t.bytecodeStringTable);
        await write(join('_graph', 'module-info-slots.bin'), t.moduleInfoSlotTable);
        await write(join('_graph', 'prelinked-graph.plmg'), t.prelinkedGraph);
        for (const b of t.builtinBytecode?.entries ?? []) await write(join('_graph', `builtin-${b.internalId.value}.jsc`), b.bytecode);
      }
      process.stdout.write(written.map((w) => `${printable(w)}\n`).join(''));
      return EXIT_OK;
    });
  },
};
