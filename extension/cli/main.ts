import { readFile } from 'node:fs/promises';
import { decodeBmesFrom, encodeBmes, sourceKeyOfFile, toDump, type BmesFile, type DecodeOptions } from '../bmes';
import { writeFileAtomic } from '../node/atomicWrite';
import { FileRangeSource } from '../node/fileSource';
import { UsageError, parseArgs, parseHexU32, parseOffset } from './args';
import { dumpText } from './dumpText';
import { hexDumpLines } from './hexDump';
import { recordFromJson } from './recordJson';
import { hexOffset, printable } from './text';

const USAGE = `bmes: inspect Bun's ESM bytecode cache files (.bmes)

Usage:
  bmes dump <file> [--json] [--source <file>] [--expect-jsc-version <hex>]
      Every header field, module list, variable environment and JavaScriptCore field, with byte offsets.
  bmes check <file...> [--source <file>] [--expect-jsc-version <hex>]
      One line per diagnostic: file:0xOFFSET: severity code: message.
  bmes hex <file> [--offset N] [--length N]
      A hex dump of a range (N decimal or 0x…; default the first 256 bytes).
  bmes encode <record.json> --bytecode <file> --output <file> [--version 1|2|3]
      Writes a BMES file from a record in the shape of 'bmes dump --json', as Bun's writer does.

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;

/** Exit statuses, as documented in the usage text. */
const EXIT_OK = 0;
const EXIT_ERRORS = 1;
const EXIT_USAGE = 2;

class IoError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'dump':
      return dump(rest);
    case 'check':
      return check(rest);
    case 'hex':
      return hexCommand(rest);
    case 'encode':
      return encode(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

const CHECK_OPTIONS = ['--source', '--expect-jsc-version'];

async function decodeOptions(options: Map<string, string | true>): Promise<DecodeOptions> {
  const expected = options.get('--expect-jsc-version');
  const sourcePath = options.get('--source');
  return {
    ...(typeof expected === 'string' ? { expectedJscVersion: parseHexU32(expected, '--expect-jsc-version') } : {}),
    ...(typeof sourcePath === 'string' ? { source: sourceKeyOfFile(await readInput(sourcePath)) } : {}),
  };
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

async function withFile<T>(path: string, use: (source: FileRangeSource) => Promise<T>): Promise<T> {
  let source: FileRangeSource;
  try {
    source = await FileRangeSource.open(path);
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

const hasErrors = (file: BmesFile) => file.diagnostics.some((d) => d.severity === 'error');

async function dump(argv: string[]): Promise<number> {
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
}

async function check(argv: string[]): Promise<number> {
  const { positionals, options } = parseArgs(argv, CHECK_OPTIONS, []);
  if (positionals.length === 0) throw new UsageError('check needs at least one file');
  const decodeWith = await decodeOptions(options);
  let status = EXIT_OK;
  for (const path of positionals) {
    try {
      await withFile(path, async (source) => {
        const { file } = await decodeBmesFrom(source, decodeWith);
        for (const d of file.diagnostics) {
          process.stdout.write(`${printable(path)}:${hexOffset(d.offset)}: ${d.severity} ${d.code}: ${printable(d.message)}\n`);
        }
        if (hasErrors(file) && status === EXIT_OK) status = EXIT_ERRORS;
      });
    } catch (error) {
      if (!(error instanceof IoError)) throw error;
      process.stderr.write(`bmes: ${error.message}\n`);
      status = EXIT_USAGE;
    }
  }
  return status;
}

async function hexCommand(argv: string[]): Promise<number> {
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
}

async function encode(argv: string[]): Promise<number> {
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
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`bmes: ${error.message}\n\n${USAGE}`);
    } else if (error instanceof IoError) {
      process.stderr.write(`bmes: ${error.message}\n`);
    } else {
      process.stderr.write(`bmes: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = EXIT_USAGE;
  },
);
