import { version } from '../../package.json';
import { UsageError } from './args';
import { EXIT_OK, EXIT_USAGE, IoError, type Command } from './command';
import { bytecode } from './commands/bytecode';
import { check } from './commands/check';
import { dump } from './commands/dump';
import { encode } from './commands/encode';
import { extract } from './commands/extract';
import { graph } from './commands/graph';
import { hex } from './commands/hex';

/**
 * The command registry: every `bmes` command, in the order the usage text lists them. A new command is a module
 * in `commands/` (named after the command) exporting a `Command`, and one entry here.
 */
const COMMANDS: readonly Command[] = [dump, check, graph, extract, hex, encode, bytecode];

const USAGE = `bmes: inspect Bun's ESM bytecode cache files (.bmes)

Usage:
${COMMANDS.map((c) => `  bmes ${c.name} ${c.synopsis}\n      ${c.summary}\n`).join('')}
  bmes <command> --help    what a command does, its options and exit status
  bmes --version           the version of bmes

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;

const commandHelp = (c: Command) => `Usage: bmes ${c.name} ${c.synopsis}\n\n${c.summary}\n${c.help}\n`;

/** `--help` or `-h` among a command's arguments (before a `--`). */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The command a usage error concerns, for the hint at the end of its one line. */
let current: Command | null = null;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
      process.stderr.write(USAGE);
      return EXIT_USAGE;
    case 'help':
    case '--help':
    case '-h': {
      const about = rest[0] === undefined ? null : COMMANDS.find((c) => c.name === rest[0]);
      if (about === undefined) throw new UsageError(`unknown command "${rest[0]}"`);
      process.stdout.write(about ? commandHelp(about) : USAGE);
      return EXIT_OK;
    }
    case '--version':
    case '-V':
      process.stdout.write(`bmes ${version}\n`);
      return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`);
  current = command;
  if (asksForHelp(rest)) {
    process.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  return command.run(rest);
}

// A reader that goes away (`bmes check *.bmes | head`) is no failure: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT_OK);
  process.stderr.write(`bmes: cannot write the output: ${error.message}\n`);
  process.exit(EXIT_USAGE);
});

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`bmes: ${error.message}; see 'bmes ${current ? `${current.name} ` : ''}--help'\n`);
    } else if (error instanceof IoError) {
      process.stderr.write(`bmes: ${error.message}\n`);
    } else {
      process.stderr.write(`bmes: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = EXIT_USAGE;
  },
);
