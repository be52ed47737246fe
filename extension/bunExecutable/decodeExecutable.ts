import { ARTIFACT_DIAGNOSTIC_CODES, type ArtifactDiagnosticCode } from '../artifact/codes';
import type { RangeReader } from '../artifact/rangeReader';
import { DiagnosticSink, hex } from '../bmes/diagnostics';
import type { U32Field } from '../bmes/model';
import { checkGraph } from './checkGraph';
import { flagNames } from './graphFields';
import { GraphReader, textOf, u32 } from './graphReader';
import { GRAPH_TRAILER, OFFSETS_SIZE, type LocatedGraph } from './locateGraph';
import type { ExecutableFile, GraphModule, OffsetsRecord, OptionalTables } from './model';
import { MAX_NAME_BYTES, readModule, recordSizeOf } from './moduleTable';
import { readOptionalTables } from './optionalTables';

/** Module records kept; a real app has hundreds, a hostile table millions. */
export const MAX_MODULES = 100_000;
const MAX_ARGV_BYTES = 64 * 1024;

export type Sink = DiagnosticSink<ArtifactDiagnosticCode>;

/**
 * Decodes a located module graph: the Offsets record, the module table, the optional 1.4.x tables and every
 * pointer's bounds. Reads the graph's tail, the module table, the tables after it and each module's name; module
 * contents, bytecode and records are read only when a module is opened (`readModuleDetails`).
 */
export async function decodeGraph(reader: RangeReader, located: LocatedGraph): Promise<ExecutableFile> {
  const sink: Sink = new DiagnosticSink<ArtifactDiagnosticCode>(ARTIFACT_DIAGNOSTIC_CODES);
  const graphEnd = located.start + located.length;
  const offsetsAt = graphEnd - GRAPH_TRAILER.length - OFFSETS_SIZE;
  const raw = await reader.read(offsetsAt, OFFSETS_SIZE);
  const byteCount = Number(new DataView(raw.buffer, raw.byteOffset, 8).getBigUint64(0, true));
  const graph = new GraphReader(reader, located.start, Math.min(byteCount, offsetsAt - located.start));
  const field = (rel: number): U32Field => ({ offset: offsetsAt + rel, length: 4, value: u32(raw, rel) });
  const flags = field(28);
  const offsets: OffsetsRecord = {
    offset: offsetsAt,
    length: OFFSETS_SIZE,
    byteCount: { offset: offsetsAt, length: 8, value: byteCount },
    modules: graph.pointerAt(raw, 8, offsetsAt + 8),
    entryPointId: field(16),
    execArgv: graph.pointerAt(raw, 20, offsetsAt + 20),
    flags: { ...flags, names: flagNames(flags.value) },
  };
  const base = {
    kind: 'executable' as const,
    size: reader.size,
    container: located.container,
    graph: { offset: located.start, length: located.length },
    offsets,
    trailer: { offset: graphEnd - GRAPH_TRAILER.length, length: GRAPH_TRAILER.length },
  };
  if (byteCount !== offsetsAt - located.start) {
    sink.add(
      'graph-truncated',
      offsets.byteCount,
      `The Offsets record's byte count at ${hex(offsetsAt)} is ${byteCount}: expected ${offsetsAt - located.start}, the graph's data before the record. The graph is damaged; the runtime reads pointers relative to it and may crash or run wrong code.`,
    );
  }

  const table = offsets.modules;
  let recordSize: 36 | 52 | null = null;
  const modules: GraphModule[] = [];
  let modulesOmitted = 0;
  let optional: OptionalTables | null = null;
  if (!table.inBounds) {
    sink.add(
      'pointer-out-of-bounds',
      table.field,
      `The module table pointer (offset ${table.relativeOffset}, ${table.length} bytes) leaves the graph's ${graph.dataLength} data bytes. The runtime does not check this in release builds: it reads outside the graph.`,
    );
  } else {
    const count36or52 = table.length;
    const tableBytes = await reader.read(table.offset, Math.min(count36or52, MAX_MODULES * 52));
    recordSize = await recordSizeOf(graph, tableBytes.length === table.length ? tableBytes : tableBytes.subarray(0, tableBytes.length - (tableBytes.length % 52)));
    if (recordSize === null) {
      sink.add(
        'module-table-size',
        table.field,
        `The module table is ${table.length} bytes: expected a whole number of 52-byte (Bun ≥ 1.3.9) or 36-byte (older) module records whose names point at "/$bunfs/…" paths. The table is damaged; the runtime would read garbage module records.`,
      );
    } else {
      const count = table.length / recordSize;
      const kept = Math.min(count, MAX_MODULES);
      modulesOmitted = count - kept;
      if (modulesOmitted > 0) {
        sink.add('module-limit', { offset: table.offset + kept * recordSize, length: 0 }, `The module table has ${count} records; the inspector lists the first ${kept}.`);
      }
      for (let i = 0; i < kept; i++) modules.push(await readModule(graph, tableBytes, table.offset, i, recordSize, offsets.entryPointId.value));
      const result = await readOptionalTables(graph, table.offset + table.length, count, flags.value);
      optional = result.tables;
      if (result.cutShort) {
        sink.add(
          'graph-truncated',
          { offset: result.cutShort.at, length: 0 },
          `The graph's data ends at ${hex(graph.start + graph.dataLength)} while reading ${result.cutShort.what} at ${hex(result.cutShort.at)}, which the flags ${hex(flags.value)} announce. The graph is damaged.`,
        );
      }
    }
  }
  const execArgvText = offsets.execArgv.present && offsets.execArgv.inBounds ? textOf(await graph.target(offsets.execArgv, MAX_ARGV_BYTES)) : null;
  await checkGraph({ graph, offsets, modules, recordSize, optional, sink });
  return { ...base, recordSize, modules, modulesOmitted, optional, execArgvText, diagnostics: sink.sorted() };
}

export { MAX_NAME_BYTES };
