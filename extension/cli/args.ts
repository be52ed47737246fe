export class UsageError extends Error {}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string | true>;
}

/** `--name value` for options listed in `withValue`, `--flag` for the rest; anything unknown is a usage error. */
export function parseArgs(argv: readonly string[], withValue: readonly string[], flags: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (withValue.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      if (options.has(name)) throw new UsageError(`${name} given twice`);
      options.set(name, value);
    } else if (flags.includes(name) && inline === undefined) {
      options.set(name, true);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return { positionals, options };
}

/** A non-negative integer in decimal or 0x-hex. */
export function parseOffset(text: string, what: string): number {
  const value = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text.slice(2), 16) : /^[0-9]+$/.test(text) ? parseInt(text, 10) : NaN;
  if (!Number.isSafeInteger(value)) throw new UsageError(`${what} must be a number (decimal or 0x…), got "${text}"`);
  return value;
}

/** A u32 in hex, with or without 0x. */
export function parseHexU32(text: string, what: string): number {
  const digits = text.replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,8}$/i.test(digits)) throw new UsageError(`${what} must be a hex number of up to 8 digits, got "${text}"`);
  return parseInt(digits, 16);
}
