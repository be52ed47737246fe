/**
 * Bun 1.4.x's shared tables as tables of their own: the bytecode string table, the module-info slot table and the
 * prelinked graph's modules. Every row carries its span, every name its characters' span. Pure.
 */
import type { SharedModuleRecords } from '../bunRecord/moduleRecord';
import { packTable, type DraftColumn } from './packTable';
import type { ViewTable } from './types';

interface RowSpec {
  readonly offset: number;
  readonly length: number;
}

function table(id: ViewTable['id'], title: string, count: { offset: number; length: number; value: number }, rows: readonly RowSpec[], columns: DraftColumn[]): ViewTable {
  const rowOffsets = Uint32Array.from(rows, (r) => r.offset);
  const rowLengths = Uint32Array.from(rows, (r) => r.length);
  const first = rows[0]?.offset ?? count.offset;
  const last = rows.length ? rows[rows.length - 1]!.offset + rows[rows.length - 1]!.length : count.offset + count.length;
  return packTable({ id, title, count, offset: first, length: last - first, complete: count.value === rows.length, rowCount: rows.length, rowOffsets, rowLengths, columns });
}

function strings(key: string, title: string, values: readonly { text: string; offset: number; length: number }[]): DraftColumn {
  return { key, title, kind: 'string', strings: values.map((v) => v.text), offsets: Uint32Array.from(values, (v) => v.offset), lengths: Uint32Array.from(values, (v) => v.length) };
}

function numbers(key: string, title: string, values: readonly { value: number; offset: number; length: number }[]): DraftColumn {
  return {
    key,
    title,
    kind: 'u32',
    numbers: Uint32Array.from(values, (v) => v.value),
    offsets: Uint32Array.from(values, (v) => v.offset),
    lengths: Uint32Array.from(values, (v) => v.length),
  };
}

const derived = (key: string, title: string, values: readonly string[]): DraftColumn => ({ key, title, kind: 'derived', strings: values });

export function sharedTableViews(shared: SharedModuleRecords): ViewTable[] {
  const out: ViewTable[] = [];
  const st = shared.stringTable;
  if (st) {
    const entries = st.entries.filter((e) => e !== null);
    out.push(
      table('bytecodeStrings', 'Bytecode string table', st.count ?? { offset: st.offset, length: 0, value: entries.length }, entries, [
        strings(
          'value',
          'String',
          entries.map((e) => ({ text: e.value, offset: e.dataOffset, length: e.byteLength })),
        ),
        derived(
          'encoding',
          'Encoding',
          entries.map((e) => (e.latin1 ? 'Latin-1' : 'UTF-16')),
        ),
        numbers(
          'hash',
          'Hash',
          entries.map((e) => ({ value: e.hashField.value, offset: e.hashField.offset, length: 4 })),
        ),
      ]),
    );
  }
  const slots = shared.slots;
  if (slots) {
    const rows = slots.slots;
    out.push(
      table(
        'slots',
        'Module-info slots',
        { offset: slots.offset, length: 4, value: rows.length },
        rows.map((s) => s.field),
        [
          strings(
            'value',
            'Name',
            rows.map((s) => ({ text: s.value ?? '(unresolved)', offset: s.dataOffset, length: s.byteLength })),
          ),
          derived(
            'where',
            'Stored',
            rows.map((s) => (s.tableIndex === null ? 'inline' : `string table #${s.tableIndex}`)),
          ),
        ],
      ),
    );
  }
  const modules = shared.graph.modules;
  out.push(
    table('prelinkedModules', 'Prelinked graph modules', { offset: shared.graph.offset, length: 4, value: modules.length }, modules, [
      strings(
        'key',
        'Key',
        modules.map((m) => ({ text: m.key.value, offset: m.key.offset, length: m.key.length })),
      ),
      derived(
        'tableIndex',
        'Module #',
        modules.map((m) => (m.tableIndex === null ? '' : String(m.tableIndex))),
      ),
      derived(
        'requests',
        'Requests',
        modules.map((m) => String(m.parts.requests?.entries.length ?? 0)),
      ),
      derived(
        'imports',
        'Imports',
        modules.map((m) => String(m.parts.imports?.entries.length ?? 0)),
      ),
      derived(
        'exports',
        'Exports',
        modules.map((m) => String(m.parts.exports?.entries.length ?? 0)),
      ),
      derived(
        'flags',
        'Flags',
        modules.map((m) =>
          [m.flags.hasTopLevelAwait ? 'TLA' : '', m.hasStarExports ? 'star exports' : '', m.allRequestsInGraph ? 'all requests in graph' : ''].filter(Boolean).join(', '),
        ),
      ),
    ]),
  );
  return out;
}
