/** Which fields, rows and tables each diagnostic touches, so the views can mark them. Pure. */
import { locateByte } from '../../extension/viewModel/locate';
import type { TableId, ViewDiagnostic, ViewField, ViewModel } from '../../extension/viewModel/types';

export interface DiagnosticIndex {
  /** Per table, per row. */
  readonly rows: ReadonlyMap<TableId, ReadonlyMap<number, readonly ViewDiagnostic[]>>;
  /** Everything inside a table's region, including its count field. */
  readonly tables: ReadonlyMap<TableId, readonly ViewDiagnostic[]>;
  /** Per field key (header, layout, code features, JavaScriptCore). */
  readonly fields: ReadonlyMap<string, readonly ViewDiagnostic[]>;
}

/** One ranking of severities for the verdict, the marks, the cards and the Problems tab. */
export { worstSeverity } from '../../extension/verdict/verdict';

/** Fields a diagnostic can point into besides the header and JavaScriptCore ones the model already names. */
const LAYOUT_KEYS = new Set(['padding', 'gap', 'bytecode', 'trailing']);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexDiagnostics(model: ViewModel): DiagnosticIndex {
  const rows = new Map<TableId, Map<number, ViewDiagnostic[]>>();
  const tables = new Map<TableId, ViewDiagnostic[]>();
  const fields = new Map<string, ViewDiagnostic[]>();
  const extraFields: ViewField[] = [...model.layout.filter((f) => LAYOUT_KEYS.has(f.key)), ...(model.codeFeatures ? [model.codeFeatures] : [])];
  for (const d of model.diagnostics) {
    if (d.target) {
      let perRow = rows.get(d.target.table);
      if (!perRow) rows.set(d.target.table, (perRow = new Map()));
      push(perRow, d.target.row, d);
    }
    const table = d.target?.table ?? locateByte(model, d.offset)?.table;
    if (table) push(tables, table, d);
    if (d.fieldKey) push(fields, d.fieldKey, d);
    else if (!d.target) {
      const field = extraFields.find((f) => d.offset >= f.offset && d.offset < f.offset + Math.max(1, f.length));
      if (field) push(fields, field.key, d);
    }
  }
  return { rows, tables, fields };
}

/** The full text shown when hovering a mark: one line per diagnostic. */
export function diagnosticsTitle(list: readonly ViewDiagnostic[]): string {
  return list.map((d) => `${d.severity} ${d.code} at 0x${d.offset.toString(16)}: ${d.message}`).join('\n');
}
