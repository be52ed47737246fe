import { artifactKindName } from '../../artifact/decodeArtifact';
import { artifactJson } from '../../artifact/renderText';
import { hex } from '../../bmes';
import { summarizeGraph } from '../../bunExecutable/graphSummary';
import { UsageError, parseArgs } from '../args';
import { inspectPath } from '../artifactCommand';
import { CHECK_OPTIONS, EXIT_ERRORS, EXIT_OK, IoError, decodeOptions, type Command } from '../command';
import { printable, table } from '../text';

const size = (n: number) => n.toLocaleString('en-US');
const ratio = (r: number | null) => (r === null ? '—' : `${r.toFixed(1)}×`);

export const graph: Command = {
  name: 'graph',
  synopsis: '<executable> [--json] [--expect-jsc-version <hex>]',
  summary:
    'The modules of a `bun build --compile` executable: entry, format, sizes, ratio, record, cache version, problems; exit 1 when a JavaScript module has no bytecode or on any error.',
  help: `  --json                     the summary as JSON, for scripts
  --expect-jsc-version <hex> check every module's JavaScriptCore cache version (0x optional)

Exit status: 0 every JavaScript module has bytecode and no errors, 1 otherwise, 2 usage or I/O error.`,
  async run(argv) {
    const { positionals, options } = parseArgs(argv, CHECK_OPTIONS, ['--json']);
    if (positionals.length !== 1) throw new UsageError('graph takes exactly one executable');
    const path = positionals[0]!;
    const inspection = await inspectPath(path, await decodeOptions(options));
    const exe = inspection.artifact;
    if (exe.kind !== 'executable') throw new IoError(`${path} is not a Bun --compile executable: it is a ${artifactKindName(exe)}`);
    const summary = summarizeGraph(exe, inspection.modules, inspection.diagnostics);
    const failing = summary.totals.errors > 0 || summary.modules.some((m) => m.missingBytecode);
    if (options.has('--json')) {
      process.stdout.write(artifactJson({ file: path, kind: artifactKindName(exe), entryPoint: exe.offsets.entryPointId.value, ...summary, diagnostics: inspection.diagnostics }));
      return failing ? EXIT_ERRORS : EXIT_OK;
    }
    const rows = summary.modules.map((m) => [
      String(m.index),
      m.entry ? 'entry' : '',
      printable(m.name),
      m.format,
      m.loader,
      size(m.sourceSize),
      m.bytecodeSize ? size(m.bytecodeSize) : m.missingBytecode ? 'NONE' : '—',
      ratio(m.ratio),
      m.record === 'module_info' ? `module_info ${size(m.recordSize)}` : m.record,
      m.cacheVersion === null ? '—' : `${hex(m.cacheVersion, 8)} ${m.bun}`,
      m.errors + m.warnings === 0 ? 'none' : `${m.errors} error${m.errors === 1 ? '' : 's'}, ${m.warnings} warning${m.warnings === 1 ? '' : 's'}`,
    ]);
    const t = summary.totals;
    process.stdout.write(
      [
        `${printable(path)}: ${artifactKindName(exe)}`,
        table(['#', 'entry', 'name', 'format', 'loader', 'source', 'bytecode', 'ratio', 'record', 'cache version', 'problems'], rows),
        `totals: ${t.modules} module${t.modules === 1 ? '' : 's'}, ${t.withBytecode} with bytecode; source ${size(t.sourceBytes)} bytes, bytecode ${size(t.bytecodeBytes)} bytes (${ratio(t.ratio)}), module_info ${size(t.recordBytes)} bytes; ${t.errors} error${t.errors === 1 ? '' : 's'}, ${t.warnings} warning${t.warnings === 1 ? '' : 's'}`,
        ...summary.modules.filter((m) => m.missingBytecode).map((m) => `module #${m.index} ${printable(m.name)} has no bytecode: build with \`bun build --compile --bytecode\``),
        ...inspection.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${hex(d.offset)}: ${d.severity} ${d.code}: ${printable(d.message)}`),
      ].join('\n') + '\n',
    );
    return failing ? EXIT_ERRORS : EXIT_OK;
  },
};
