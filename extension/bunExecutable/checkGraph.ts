import { hex } from '../bmes/diagnostics';
import type { Span } from '../bmes/model';
import type { Sink } from './decodeExecutable';
import { FORMAT_NAMES, JS_LOADERS, knownFlagMask } from './graphFields';
import type { GraphReader } from './graphReader';
import type { GraphModule, GraphPointer, OffsetsRecord, OptionalTables } from './model';

const UNCHECKED = 'The runtime does not range-check pointers in release builds (spec §3.5): it would read outside the graph, crash or run garbage.';

export interface GraphCheckInput {
  readonly graph: GraphReader;
  readonly offsets: OffsetsRecord;
  readonly modules: readonly GraphModule[];
  readonly recordSize: 36 | 52 | null;
  readonly optional: OptionalTables | null;
  readonly sink: Sink;
}

/** The checks the runtime does not make (spec §6), over what the decoder has read up front. */
export async function checkGraph(input: GraphCheckInput): Promise<void> {
  const { offsets, modules, sink, graph } = input;
  checkEntryPoint(input);
  const unknownFlags = offsets.flags.value & ~knownFlagMask();
  if (unknownFlags) {
    sink.add(
      'unknown-graph-flags',
      offsets.flags,
      `The graph flags ${hex(offsets.flags.value)} set bits the inspector does not know (${hex(unknownFlags)}): the graph was written by a newer Bun, and data for those bits may follow the known tables.`,
    );
  }
  const targets: { span: GraphPointer; what: string }[] = [];
  const pointer = (p: GraphPointer | null, what: string) => {
    if (!p || !p.present) return;
    if (!p.inBounds) {
      sink.add(
        'pointer-out-of-bounds',
        p.field,
        `${what} points at graph offset ${p.relativeOffset} for ${p.length} bytes, past the graph's ${graph.dataLength} data bytes. ${UNCHECKED}`,
      );
    } else targets.push({ span: p, what });
  };
  for (const m of modules) {
    const label = `Module ${m.index} (${m.nameText || 'unnamed'})`;
    pointer(m.name, `${label}: the name`);
    pointer(m.contents, `${label}: the contents`);
    pointer(m.sourcemap, `${label}: the source map`);
    pointer(m.bytecode, `${label}: the bytecode`);
    pointer(m.moduleInfo, `${label}: the module_info`);
    pointer(m.bytecodeOriginPath, `${label}: the bytecode origin path`);
    // Bun 1.3.6 (36-byte records) put the bytecode anywhere; the 120 mod 128 placement came with the 52-byte record.
    if (input.recordSize === 52 && m.bytecode.present && m.bytecode.inBounds && m.bytecode.relativeOffset % 128 !== 120) {
      sink.add(
        'graph-bytecode-misaligned',
        m.bytecode.field,
        `${label}: the bytecode starts at graph offset ${m.bytecode.relativeOffset} (${m.bytecode.relativeOffset % 128} mod 128): expected 120 mod 128, where Bun's writer puts it so that the payload is 128-byte aligned in memory. JavaScriptCore may read it unaligned or reject it.`,
      );
    }
    if (m.name.present && m.name.inBounds && !(await graph.hasNulAfter(m.name))) {
      sink.add(
        'missing-nul',
        m.name.field,
        `${label}: no NUL byte after the name at ${hex(m.name.offset + m.name.length)}: Bun's writer ends every name with one, and the runtime uses the name as a C string.`,
      );
    }
    if (typeof m.format.name === 'number' || m.encoding.name.startsWith('unknown') || m.loader.name.startsWith('unknown')) {
      sink.add(
        'unknown-module-field',
        m.format,
        `${label}: encoding ${m.encoding.value}, loader ${m.loader.value}, format ${m.format.value} — a value the inspector does not know (formats: ${FORMAT_NAMES.join(', ')}).`,
      );
    }
  }
  pointer(offsets.execArgv, 'The exec-argv string');
  if (input.optional) {
    pointer(input.optional.bytecodeStringTable, 'The bytecode string table');
    pointer(input.optional.moduleInfoSlotTable, 'The module-info slot table');
    pointer(input.optional.prelinkedGraph, 'The prelinked module graph');
    for (const b of input.optional.builtinBytecode?.entries ?? []) pointer(b.bytecode, `Builtin bytecode ${b.internalId.value}`);
    checkTablesEnd(input);
  }
  checkOverlaps(targets, sink);
  checkBytecodePresence(modules, sink);
}

function checkEntryPoint({ offsets, modules, recordSize, sink }: GraphCheckInput): void {
  if (recordSize === null) return;
  const count = offsets.modules.length / recordSize;
  const id = offsets.entryPointId.value;
  if (id < count) return;
  sink.add(
    'entry-point-out-of-range',
    offsets.entryPointId,
    id === count
      ? `The entry point id is ${id}, equal to the module count: expected 0 to ${count - 1}. Bun 1.3.x accepts this (off by one) and fails at start-up with "error: Module not found ''"; Bun 1.4.5 rejects the graph ("Corrupted module graph").`
      : `The entry point id is ${id}: expected 0 to ${count - 1} (${modules.length} modules). The runtime rejects the graph.`,
  );
}

function checkTablesEnd({ offsets, optional, sink }: GraphCheckInput): void {
  if (!optional || !offsets.execArgv.inBounds) return;
  const end = optional.offset + optional.length;
  // With no argv, the writer still points the empty string after the tables; only a real offset is compared.
  if (offsets.execArgv.relativeOffset === 0) return;
  if (end !== offsets.execArgv.offset) {
    sink.add(
      'optional-tables-mismatch',
      { offset: end, length: 0 },
      `The tables announced by the flags ${hex(offsets.flags.value)} end at ${hex(end)}: expected ${hex(offsets.execArgv.offset)}, where the exec-argv string starts. The flags and the data disagree: a table is missing, extra, or of another size than the inspector reads.`,
    );
  }
}

function checkOverlaps(targets: { span: Span; what: string }[], sink: Sink): void {
  const sorted = [...targets].sort((a, b) => a.span.offset - b.span.offset || a.span.length - b.span.length);
  let reported = 0;
  for (let i = 1; i < sorted.length && reported < 100; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    // The same bytes named twice (the origin path equal to the name) are a shared string, not an overlap.
    if (cur.span.offset === prev.span.offset && cur.span.length === prev.span.length) continue;
    if (cur.span.offset < prev.span.offset + prev.span.length) {
      reported++;
      sink.add(
        'pointer-overlap',
        cur.span,
        `${cur.what} (${hex(cur.span.offset)}, ${cur.span.length} bytes) overlaps ${prev.what} (${hex(prev.span.offset)}, ${prev.span.length} bytes): Bun's writer never shares bytes between parts, so the graph was altered.`,
      );
    }
  }
}

function checkBytecodePresence(modules: readonly GraphModule[], sink: Sink): void {
  const js = modules.filter((m) => JS_LOADERS.has(m.loader.value));
  const withBytecode = js.filter((m) => m.bytecode.present).length;
  if (withBytecode === 0) return;
  for (const m of js) {
    if (!m.bytecode.present) {
      sink.add(
        'module-without-bytecode',
        m.bytecode.field,
        `Module ${m.index} (${m.nameText}) has no bytecode while ${withBytecode} other module${withBytecode === 1 ? ' has' : 's have'} it: Bun parses and compiles it from source at every start.`,
      );
    }
  }
}
