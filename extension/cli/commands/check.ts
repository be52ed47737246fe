import { artifactKindName } from '../../artifact/decodeArtifact';
import { bmesVerdict } from '../../verdict/bmesVerdict';
import { buildVerdict, notCheckedText, type FileVerdict, type NotChecked } from '../../verdict/verdict';
import { inspectPath } from '../artifactCommand';
import { UsageError, parseArgs } from '../args';
import { CHECK_OPTIONS, CHECK_OPTIONS_HELP, EXIT_ERRORS, EXIT_OK, EXIT_USAGE, IoError, checkPlan, type Command } from '../command';
import { hexOffset, printable } from '../text';

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "3 files checked: 1 with errors, 1 with warnings, 1 unreadable; cache version not checked: no --expect-jsc-version given" */
export function checkSummary(verdicts: readonly FileVerdict[], unreadable: number): string {
  const files = verdicts.length + unreadable;
  const parts = [
    `${verdicts.filter((v) => v.counts.error > 0).length} with errors`,
    `${verdicts.filter((v) => v.counts.error === 0 && v.counts.warning > 0).length} with warnings`,
  ];
  if (unreadable > 0) parts.push(`${unreadable} unreadable`);
  // What could not be checked in every file (the options not given) is said once; per file, --verbose says it.
  const first = verdicts[0]?.checks.filter((c): c is NotChecked => c.state === 'not-checked') ?? [];
  const everywhere = first.filter((c) => verdicts.every((v) => v.checks.some((o) => o.id === c.id && o.state === 'not-checked' && o.reason === c.reason)));
  const notChecked = everywhere.map((c) => `; ${notCheckedText(c)}`).join('');
  return `${count(files, 'file')} checked: ${parts.join(', ')}${notChecked}.`;
}

export const check: Command = {
  name: 'check',
  synopsis: '<file...> [--source <file>] [--expect-jsc-version <hex>] [--quiet | --verbose]',
  summary: 'One line per diagnostic: file:0xOFFSET: severity code: message.',
  help: `Takes every kind of file (BMES, .jsc sidecar, JavaScriptCore payload, Bun executable), told apart by content.
Prints one line per diagnostic to stdout, then a summary line (files checked, with errors, with warnings, and what
could not be checked).

${CHECK_OPTIONS_HELP}
  --quiet                    no summary line
  --verbose                  also a line for each file: its verdict and what could not be checked in it

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error (any file unreadable).`,
  async run(argv) {
    const { positionals, options } = parseArgs(argv, CHECK_OPTIONS, ['--quiet', '--verbose']);
    if (positionals.length === 0) throw new UsageError('check needs at least one file');
    if (options.has('--quiet') && options.has('--verbose')) throw new UsageError('--quiet and --verbose exclude each other');
    const plan = await checkPlan(options);
    const verdicts: FileVerdict[] = [];
    let unreadable = 0;
    for (const path of positionals) {
      try {
        const { artifact, diagnostics } = await inspectPath(path, plan.decode);
        for (const d of diagnostics) {
          process.stdout.write(`${printable(path)}:${hexOffset(d.offset)}: ${d.severity} ${d.code}: ${printable(d.message)}\n`);
        }
        // Other file kinds get verdicts of their own (extension/verdict/); until then, their diagnostics and no checks.
        const verdict =
          artifact.kind === 'bmes'
            ? bmesVerdict(artifact.file, plan.expect)
            : buildVerdict({ outcome: { summary: artifactKindName(artifact), reason: '' }, diagnostics, checks: [], cleanMeans: 'no diagnostics' });
        verdicts.push(verdict);
        if (options.has('--verbose')) process.stdout.write(`${printable(path)}: ${printable(verdict.outcome.summary)}. ${printable(verdict.status)}\n`);
      } catch (error) {
        if (!(error instanceof IoError)) throw error;
        process.stderr.write(`bmes: ${error.message}\n`);
        unreadable++;
      }
    }
    if (!options.has('--quiet')) process.stdout.write(checkSummary(verdicts, unreadable) + '\n');
    return unreadable > 0 ? EXIT_USAGE : verdicts.some((v) => v.counts.error > 0) ? EXIT_ERRORS : EXIT_OK;
  },
};
