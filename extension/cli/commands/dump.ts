import { artifactKindName } from '../../artifact/decodeArtifact';
import { artifactJson } from '../../artifact/renderText';
import { toDump } from '../../bmes';
import { artifactText } from '../artifactText';
import { inspectPath } from '../artifactCommand';
import { UsageError, parseArgs } from '../args';
import { CHECK_OPTIONS, EXIT_ERRORS, EXIT_OK, decodeOptions, hasErrors, withFile, type Command } from '../command';
import { dumpText } from '../dumpText';

export const dump: Command = {
  name: 'dump',
  synopsis: '<file> [--json] [--source <file>] [--expect-jsc-version <hex>]',
  summary: 'Every field of a BMES file, .jsc sidecar, JavaScriptCore payload or Bun executable, with byte offsets.',
  async run(argv) {
    const { positionals, options } = parseArgs(argv, CHECK_OPTIONS, ['--json']);
    if (positionals.length !== 1) throw new UsageError('dump takes exactly one file');
    const path = positionals[0]!;
    const decodeWith = await decodeOptions(options);
    const inspection = await inspectPath(path, decodeWith);
    const { artifact } = inspection;
    if (artifact.kind !== 'bmes') {
      process.stdout.write(options.has('--json') ? artifactJson({ ...artifact, modules: artifact.kind === 'executable' ? artifact.modules : undefined, moduleDetails: inspection.modules, moduleRecords: inspection.records.map((r) => r && { store: r.store, offset: r.offset, length: r.length, accepted: r.accepted, parts: r.parts }), diagnostics: inspection.diagnostics }) : artifactText(path, inspection));
      return inspection.diagnostics.some((d) => d.severity === 'error') ? EXIT_ERRORS : EXIT_OK;
    }
    return withFile(path, async (source) => {
      const file = artifact.file;
      const sha256 = file.bytecode ? await source.sha256(file.bytecode.offset, file.bytecode.length) : null;
      process.stdout.write(options.has('--json') ? JSON.stringify(toDump(file, sha256), null, 2) + '\n' : `kind: ${artifactKindName(artifact)}\n${dumpText(path, file, sha256)}`);
      return hasErrors(file) ? EXIT_ERRORS : EXIT_OK;
    });
  },
};
