import { stat } from 'node:fs/promises';
import type { RangeSource } from '../bmes';
import { resolveExecutable } from '../bun/resolveExecutable';
import { readOpcodeTable, type OpcodeTable } from '../jscBytecode/opcodes';
import { FileRangeSource } from '../node/fileSource';
import type { HostLog, Localize } from './ports';

/** An opcode table and the Bun it was read from, or why there is none (for the Bytecode tab's note). */
export type OpcodeTableOutcome = { readonly table: OpcodeTable; readonly from: string } | { readonly missing: string };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The opcode tables that name a payload's instructions, read (never run) from a Bun executable with ranged reads:
 * the configured Bun, or the `--compile` executable under inspection (itself a Bun). Each is read once per build
 * of the file (path, size, modification time) or per decode of the inspected file, and kept; a failure is kept
 * the same way, so a file that has no table is not scanned again on every click.
 */
export class OpcodeTables {
  private readonly known = new Map<string, Promise<OpcodeTableOutcome>>();
  /** A few builds at most (the configured Bun, the open executables): old keys go first. */
  private static readonly MAX_KEPT = 16;

  constructor(
    private readonly log: HostLog,
    private readonly t: Localize,
  ) {}

  /** The table of the Bun that `bunPath` names (a path or a command on PATH). */
  async ofBun(bunPath: string): Promise<OpcodeTableOutcome> {
    const executable = await resolveExecutable(bunPath);
    if (!executable) return { missing: this.t("no opcode table: Bun not found at '{0}' (bmesInspector.bunPath)", bunPath) };
    let key: string;
    try {
      const s = await stat(executable);
      key = `bun\u0000${executable}\u0000${s.size}\u0000${s.mtimeMs}`;
    } catch (error) {
      return { missing: this.t("no opcode table: cannot read Bun at '{0}': {1}", executable, errorText(error)) };
    }
    return this.remember(key, async () => {
      const file = await FileRangeSource.open(executable);
      try {
        return await this.read(file, this.t('Bun at {0}', executable), executable);
      } finally {
        await file.close();
      }
    });
  }

  /** The table of the inspected executable itself, through its ranged reads; `key` names this decode of it. */
  ofInspected(key: string, source: RangeSource, name: string): Promise<OpcodeTableOutcome> {
    return this.remember(`file\u0000${key}`, () => this.read(source, this.t('this executable'), name));
  }

  private async read(source: RangeSource, from: string, name: string): Promise<OpcodeTableOutcome> {
    const started = performance.now();
    const result = await readOpcodeTable(source);
    const ms = (performance.now() - started).toFixed(1);
    if (!result.ok) {
      this.log.warn(`${name}: no opcode table (${result.error}), read ${result.bytesRead} bytes in ${ms} ms`);
      return { missing: this.t('no opcode table in {0}: {1}', from, result.error) };
    }
    this.log.info(`${name}: opcode table of ${result.table.names.length} opcodes at 0x${result.table.namesAt.toString(16)}, read ${result.bytesRead} bytes in ${ms} ms`);
    return { table: result.table, from };
  }

  private remember(key: string, read: () => Promise<OpcodeTableOutcome>): Promise<OpcodeTableOutcome> {
    const known = this.known.get(key);
    if (known) return known;
    const pending = read().catch((error: unknown) => ({ missing: this.t('no opcode table: {0}', errorText(error)) }));
    if (this.known.size >= OpcodeTables.MAX_KEPT) this.known.delete(this.known.keys().next().value!);
    this.known.set(key, pending);
    return pending;
  }
}
