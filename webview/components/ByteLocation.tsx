import { locateByte } from '../../extension/viewModel/locate';
import type { TableId, ViewField, ViewModel } from '../../extension/viewModel/types';
import { fmtInt, hex } from '../lib/format';
import { Button } from '../toolkit';

const WHOLE_FILE = new Set(['fileSize', 'metadata']);

/** The field holding a byte among the header, layout, code-features and JavaScriptCore fields. */
export function fieldAt(model: ViewModel, offset: number): ViewField | undefined {
  const fields = [...model.header, ...(model.codeFeatures ? [model.codeFeatures] : []), ...(model.jsc?.fields ?? [])];
  return (
    fields.find((f) => offset >= f.offset && offset < f.offset + f.length) ?? model.layout.find((f) => !WHOLE_FILE.has(f.key) && offset >= f.offset && offset < f.offset + f.length)
  );
}

/**
 * Which structure a byte (the selection's start, the same byte the data inspector reads) belongs to, with a way
 * to select that record or field. The offset itself is in the toolbar's selection line, once.
 */
export function ByteLocation(props: {
  readonly model: ViewModel;
  readonly offset: number;
  readonly onGoToRecord: (table: TableId, row: number, column: string | undefined) => void;
  readonly onGoToField: (key: string) => void;
}) {
  const { model, offset } = props;
  const location = locateByte(model, offset);
  const field = fieldAt(model, offset);
  const isLayout = field !== undefined && model.layout.includes(field);
  const path = (location?.path ?? 'outside the file') + (field && !location?.table && !isLayout ? ` › ${field.label}` : '');
  return (
    <div className="location" aria-live="polite">
      <strong data-testid="location" data-offset={offset} title={`The byte at ${hex(offset)} (${fmtInt(offset)}) is in ${path}`}>
        {path}
      </strong>
      {location?.table !== undefined && location.row !== undefined && (
        <Button onClick={() => props.onGoToRecord(location.table!, location.row!, location.column)} title="Show this record in its table">
          Select record #{location.row}
        </Button>
      )}
      {field && !location?.table && (
        <Button onClick={() => props.onGoToField(field.key)} title="Show this field in the overview">
          Select field
        </Button>
      )}
    </div>
  );
}
