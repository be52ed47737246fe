import { artifactKindName } from '../../artifact/decodeArtifact';
import { artifactJson } from '../../artifact/renderText';
import { bmesVerdict } from '../../verdict/bmesVerdict';
import { artifactText } from '../artifactText';
import { inspectPath } from '../artifactCommand';
import { UsageError, parseArgs } from '../args';
import { CHECK_OPTIONS, CHECK_OPTIONS_HELP, EXIT_ERRORS, EXIT_OK, checkPlan, hasErrors, withFile, type Command } from '../command';
import { dumpJsonText } from '../../bmes';
import { dumpText } from '../dumpText';

export const dump: Command = {
  name: 'dump',
  synopsis: '<file> [--json] [--source <file>] [--expect-jsc-version <hex>]',
  summary: 'Every field of a BMES file, .jsc sidecar, JavaScriptCore payload or Bun executable, with byte offsets.',
  help: `The first line names the kind of file (told apart by content). For a BMES file, the verdict says what Bun's
loader does with it and what could not be checked; then every field with its offset, list by list, and the
diagnostics.

  --json                     the stable JSON shape instead (see the README), which 'bmes encode' reads back
${CHECK_OPTIONS_HELP}

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.`,
  async run(argv) {
    const { positionals, options } = parseArgs(argv, CHECK_OPTIONS, ['--json']);
    if (positionals.length !== 1) throw new UsageError('dump takes exactly one file');
    const path = positionals[0]!;
    const plan = await checkPlan(options);
    const inspection = await inspectPath(path, plan.decode);
    const { artifact } = inspection;
    if (artifact.kind !== 'bmes') {
      process.stdout.write(
        options.has('--json')
          ? artifactJson({
              ...artifact,
              modules: artifact.kind === 'executable' ? artifact.modules : undefined,
              moduleDetails: inspection.modules,
              moduleRecords: inspection.records.map((r) => r && { store: r.store, offset: r.offset, length: r.length, accepted: r.accepted, parts: r.parts }),
              diagnostics: inspection.diagnostics,
            })
          : artifactText(path, inspection),
      );
      return inspection.diagnostics.some((d) => d.severity === 'error') ? EXIT_ERRORS : EXIT_OK;
    }
    return withFile(path, async (source) => {
      const file = artifact.file;
      const sha256 = file.bytecode ? await source.sha256(file.bytecode.offset, file.bytecode.length) : null;
      process.stdout.write(
        options.has('--json') ? dumpJsonText(file, sha256) : `kind: ${artifactKindName(artifact)}\n${dumpText(path, file, sha256, bmesVerdict(file, plan.expect))}`,
      );
      return hasErrors(file) ? EXIT_ERRORS : EXIT_OK;
    });
  },
};
