import { UsageError, parseArgs, parseOffset } from '../args';
import { EXIT_OK, withFile, type Command } from '../command';
import { hexDumpLines } from '../hexDump';

export const hex: Command = {
  name: 'hex',
  synopsis: '<file> [--offset N] [--length N]',
  summary: 'A hex dump of a range (N decimal or 0x…; default the first 256 bytes).',
  async run(argv) {
    const { positionals, options } = parseArgs(argv, ['--offset', '--length'], []);
    if (positionals.length !== 1) throw new UsageError('hex takes exactly one file');
    const offsetArg = options.get('--offset');
    const lengthArg = options.get('--length');
    const offset = typeof offsetArg === 'string' ? parseOffset(offsetArg, '--offset') : 0;
    const length = typeof lengthArg === 'string' ? parseOffset(lengthArg, '--length') : 256;
    return withFile(positionals[0]!, async (source) => {
      const start = Math.min(offset, source.size);
      const end = Math.min(start + length, source.size);
      // Written in 1 MiB slices so a large range streams instead of sitting in memory.
      for (let at = start; at < end; at += 1 << 20) {
        const bytes = await source.read(at, Math.min(1 << 20, end - at));
        process.stdout.write(hexDumpLines(bytes, at).join('\n') + '\n');
      }
      return EXIT_OK;
    });
  },
};
