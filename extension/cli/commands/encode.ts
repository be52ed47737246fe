import { encodeBmes } from '../../bmes';
import { writeFileAtomic } from '../../node/atomicWrite';
import { UsageError, parseArgs } from '../args';
import { EXIT_OK, IoError, readInput, type Command } from '../command';
import { recordFromJson } from '../recordJson';

export const encode: Command = {
  name: 'encode',
  synopsis: '<record.json> --bytecode <file> --output <file> [--version 1|2|3]',
  summary: "Writes a BMES file from a record in the shape of 'bmes dump --json', as Bun's writer does.",
  help: `Reads the record from JSON in the shape 'bmes dump --json' prints (types as names or numbers; every key of
that shape, and no other, with 'size', 'header', 'bytecode', 'jsc' and 'diagnostics' ignored), and writes the
file atomically. 'bmes dump --json' then 'bmes encode' reproduces a file byte for byte.

  --bytecode <file>          the JavaScriptCore bytecode to embed
  --output <file>            the BMES file to write (replaced atomically)
  --version 1|2|3            the BMES layout to write (default 3)

Exit status: 0 written, 2 usage or I/O error (a bad record names the JSON path of the first bad value).`,
  async run(argv) {
    const { positionals, options } = parseArgs(argv, ['--bytecode', '--output', '--version'], []);
    if (positionals.length !== 1) throw new UsageError('encode takes exactly one record file');
    const bytecodePath = options.get('--bytecode');
    const outputPath = options.get('--output');
    if (typeof bytecodePath !== 'string' || typeof outputPath !== 'string') throw new UsageError('encode needs --bytecode and --output');
    const versionArg = options.get('--version') ?? '3';
    if (versionArg !== '1' && versionArg !== '2' && versionArg !== '3') throw new UsageError('--version must be 1, 2 or 3');
    let record;
    try {
      record = recordFromJson(JSON.parse(new TextDecoder().decode(await readInput(positionals[0]!))));
    } catch (error) {
      if (error instanceof IoError) throw error;
      throw new UsageError(`${positionals[0]}: ${(error as Error).message}`);
    }
    const bytes = encodeBmes(record, await readInput(bytecodePath), { version: Number(versionArg) as 1 | 2 | 3 });
    try {
      await writeFileAtomic(outputPath, bytes);
    } catch (error) {
      throw new IoError(`cannot write ${outputPath}: ${(error as Error).message}`);
    }
    process.stdout.write(`wrote ${outputPath}: ${bytes.length} bytes, version ${versionArg}\n`);
    return EXIT_OK;
  },
};
