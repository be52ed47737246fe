import { decodeBmesFrom, toDump } from '../../bmes';
import { UsageError, parseArgs } from '../args';
import { CHECK_OPTIONS, EXIT_ERRORS, EXIT_OK, decodeOptions, hasErrors, withFile, type Command } from '../command';
import { dumpText } from '../dumpText';

export const dump: Command = {
  name: 'dump',
  synopsis: '<file> [--json] [--source <file>] [--expect-jsc-version <hex>]',
  summary: 'Every header field, module list, variable environment and JavaScriptCore field, with byte offsets.',
  async run(argv) {
    const { positionals, options } = parseArgs(argv, CHECK_OPTIONS, ['--json']);
    if (positionals.length !== 1) throw new UsageError('dump takes exactly one file');
    const path = positionals[0]!;
    const decodeWith = await decodeOptions(options);
    return withFile(path, async (source) => {
      const { file } = await decodeBmesFrom(source, decodeWith);
      const sha256 = file.bytecode ? await source.sha256(file.bytecode.offset, file.bytecode.length) : null;
      process.stdout.write(options.has('--json') ? JSON.stringify(toDump(file, sha256), null, 2) + '\n' : dumpText(path, file, sha256));
      return hasErrors(file) ? EXIT_ERRORS : EXIT_OK;
    });
  },
};
