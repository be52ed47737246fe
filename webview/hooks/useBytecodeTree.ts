import { useEffect, useState } from 'react';
import type { BytecodeTree } from '../../extension/jscBytecode/model';
import { decodeBytecodeTree } from '../../extension/jscBytecode/tree';
import { decodeBytecodeStringTable } from '../../extension/bunRecord/bytecodeStringTable';
import type { ViewBytecode } from '../../extension/viewModel/types';
import type { Host } from '../host';
import { fmtBytes } from '../lib/format';

/** Larger payloads are not decoded in the view (the CLI does them): far above any real module's bytecode. */
export const MAX_PAYLOAD = 64 * 1024 * 1024;

export type LoadedTree = { readonly tree: BytecodeTree } | { readonly error: string } | null;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The code-block tree of the model's payload, decoded here from its bytes (read through the host's pages); an
 * executable module's strings are resolved through the executable's shared string table, read the same way.
 * Null while reading; a new generation or another payload starts again.
 */
export function useBytecodeTree(bytecode: ViewBytecode | null, generation: number, host: Host): LoadedTree {
  const [loaded, setLoaded] = useState<LoadedTree>(null);
  // By value: a new decode gives a new object for the same bytes.
  const offset = bytecode?.offset ?? null;
  const length = bytecode?.length ?? 0;
  const tableOffset = bytecode?.stringTable?.offset ?? null;
  const tableLength = bytecode?.stringTable?.length ?? 0;
  useEffect(() => {
    setLoaded(null);
    if (offset === null) return;
    if (length > MAX_PAYLOAD || tableLength > MAX_PAYLOAD) {
      setLoaded({ error: `The bytecode is ${fmtBytes(length)}; the view decodes at most ${fmtBytes(MAX_PAYLOAD)}. Use bmes bytecode on the command line.` });
      return;
    }
    let live = true;
    const table = tableOffset === null ? Promise.resolve(null) : host.bytes.read(tableOffset, tableLength).then((bytes) => decodeBytecodeStringTable(bytes, tableOffset));
    Promise.all([host.bytes.read(offset, length), table]).then(
      ([bytes, strings]) => {
        if (!live) return;
        const resolveString = strings ? (ordinal: number) => strings.entries[ordinal]?.value ?? null : undefined;
        setLoaded({ tree: decodeBytecodeTree(bytes, offset, resolveString ? { resolveString } : {}) });
      },
      (error: unknown) => live && setLoaded({ error: `Cannot read the bytecode: ${errorText(error)}` }),
    );
    return () => {
      live = false;
    };
    // A new generation is a new decode of the file.
  }, [generation, offset, length, tableOffset, tableLength, host]);
  return loaded;
}
