import type { Diagnostic, JscSection, Span } from '../bmes/model';

/** A little-endian u64 field; `value` as bigint because hashes use all 64 bits. */
export interface U64Field extends Span {
  readonly value: bigint;
}

/** The 24-byte trailer Bun 1.4.x writes after a sidecar's payload (spec bun-artifacts §2.2). */
export interface SidecarTrailer extends Span {
  readonly payloadSize: U64Field;
  readonly hash: U64Field;
  /** Wyhash (seed 0) of the payload bytes as the inspector computed it; null when the payload could not be read. */
  readonly computedHash: bigint | null;
  readonly magic: Span & { readonly matches: boolean };
}

/**
 * A file that is one JavaScriptCore payload: a `.jsc` sidecar as `bun build --bytecode` writes it (Bun 1.3.x: the
 * bare classic payload; Bun 1.4.x: a compact payload and a trailer), or a module's bytecode extracted from an
 * executable.
 */
export interface JscPayloadFile {
  readonly kind: 'jsc-payload';
  readonly size: number;
  /** `sidecar`: a payload with Bun's trailer; `bare`: the payload alone. */
  readonly container: 'sidecar' | 'bare';
  readonly payload: Span;
  readonly jsc: JscSection | null;
  readonly trailer: SidecarTrailer | null;
  /** "Bun 1.3.14", "Bun 1.4.4 or 1.4.5", "an unknown Bun build". */
  readonly writtenBy: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly verdict: PayloadVerdict;
}

export interface PayloadVerdict {
  /** Whether Bun will use the bytecode, as far as the checks made can tell. */
  readonly bytecodeUsed: boolean;
  readonly summary: string;
  readonly reason: string;
  /** What could not be checked (no source given, no expected cache version, an unknown hash function). */
  readonly notChecked: readonly string[];
}
