/**
 * What the pure host modules need from their surroundings, as small interfaces: the VS Code layer
 * (extension/editor) implements them, unit tests fake them. Nothing here imports `vscode`.
 */
import type { RangeSource } from '../bmes';

/** A ranged source the host owns and must close (a file handle, or a whole file held in memory). */
export interface ClosableRangeSource extends RangeSource {
  close(): Promise<void>;
}

/** The subset of a LogOutputChannel the host writes to. */
export interface HostLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** `vscode.l10n.t` with positional arguments ({0}, {1}, …). */
export type Localize = (message: string, ...args: (string | number)[]) => string;
