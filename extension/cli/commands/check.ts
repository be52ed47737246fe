import { inspectPath } from '../artifactCommand';
import { UsageError, parseArgs } from '../args';
import { CHECK_OPTIONS, EXIT_ERRORS, EXIT_OK, EXIT_USAGE, IoError, decodeOptions, type Command } from '../command';
import { hexOffset, printable } from '../text';

export const check: Command = {
  name: 'check',
  synopsis: '<file...> [--source <file>] [--expect-jsc-version <hex>]',
  summary: 'One line per diagnostic: file:0xOFFSET: severity code: message.',
  async run(argv) {
    const { positionals, options } = parseArgs(argv, CHECK_OPTIONS, []);
    if (positionals.length === 0) throw new UsageError('check needs at least one file');
    const decodeWith = await decodeOptions(options);
    let status = EXIT_OK;
    for (const path of positionals) {
      try {
        const { diagnostics } = await inspectPath(path, decodeWith);
        for (const d of diagnostics) {
          process.stdout.write(`${printable(path)}:${hexOffset(d.offset)}: ${d.severity} ${d.code}: ${printable(d.message)}\n`);
        }
        if (diagnostics.some((d) => d.severity === 'error') && status === EXIT_OK) status = EXIT_ERRORS;
      } catch (error) {
        if (!(error instanceof IoError)) throw error;
        process.stderr.write(`bmes: ${error.message}\n`);
        status = EXIT_USAGE;
      }
    }
    return status;
  },
};
