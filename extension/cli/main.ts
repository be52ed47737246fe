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
 * in `commands/` exporting a `Command`, and one entry here.
 */
const COMMANDS: readonly Command[] = [dump, check, graph, extract, hex, encode, bytecode];

const USAGE = `bmes: inspect Bun's ESM bytecode cache files (.bmes)

Usage:
${COMMANDS.map((c) => `  bmes ${c.name} ${c.synopsis}\n      ${c.summary}\n`).join('')}
Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command.run(rest);
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
