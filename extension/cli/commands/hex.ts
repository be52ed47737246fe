import { UsageError, parseArgs, parseOffset } from '../args';
import { EXIT_OK, IoError, withFile, type Command } from '../command';
import { hexDumpLines } from '../hexDump';

export const hex: Command = {
  name: 'hex',
  synopsis: '<file> [--offset N] [--length N]',
  summary: 'A hex dump of a range (N decimal or 0x…; default the first 256 bytes).',
  help: `Rows of 16 bytes start at multiples of 16 (bytes of the first and last row outside the range are left blank),
with the offset, the bytes in hex and as ASCII.

  --offset N                 where the range starts (default 0); must be inside the file
  --length N                 how many bytes (default 256); a range past the end stops at the end

Exit status: 0 dumped, 2 usage or I/O error (an empty file, an offset past the end).`,
  async run(argv) {
    const { positionals, options } = parseArgs(argv, ['--offset', '--length'], []);
    if (positionals.length !== 1) throw new UsageError('hex takes exactly one file');
    const path = positionals[0]!;
    const offsetArg = options.get('--offset');
    const lengthArg = options.get('--length');
    const offset = typeof offsetArg === 'string' ? parseOffset(offsetArg, '--offset') : 0;
    const length = typeof lengthArg === 'string' ? parseOffset(lengthArg, '--length') : 256;
    return withFile(path, async (source) => {
      if (source.size === 0) throw new IoError(`${path} is empty: there are no bytes to dump`);
      if (offset >= source.size) {
        throw new IoError(`--offset 0x${offset.toString(16)} is past the end of ${path} (${source.size} bytes, last offset 0x${(source.size - 1).toString(16)})`);
      }
      const end = Math.min(offset + length, source.size);
      // Written in 1 MiB slices (multiples of 16, so every row is whole) to stream a large range.
      const slice = 1 << 20;
      for (let at = offset; at < end;) {
        const next = Math.min(end, (Math.floor(at / slice) + 1) * slice);
        const bytes = await source.read(at, next - at);
        process.stdout.write(hexDumpLines(bytes, at, end).join('\n') + '\n');
        at = next;
      }
      return EXIT_OK;
    });
  },
};
