import type { ViewDiagnostic, ViewField, ViewJsc } from '../../extension/viewModel/types';
import type { RequestTracker } from '../lib/requests';
import { hex } from '../lib/format';
import { EmbeddedSource } from './EmbeddedSource';
import { FieldTable } from './FieldTable';

const LAYOUT_TEXT: Readonly<Record<ViewJsc['layout'], string>> = {
  classic: 'Classic layout (Bun 1.3.x): cache version, tag, source range, key, source origin and embedded source.',
  compact: 'Compact layout (Bun 1.4.x): cache version, tag, payload size, source length and key. Its key hash function is not public, so it is not verified.',
  unknown: 'Unrecognised layout: only the cache version is decoded. JavaScriptCore will reject a cache it cannot read.',
};

/** The JavaScriptCore section at the start of the bytecode: which layout was recognised and its fields. */
export function JscSection(props: {
  readonly jsc: ViewJsc;
  readonly generation: number;
  readonly tracker: RequestTracker;
  readonly selectedKey: string | null;
  readonly reveal: boolean;
  readonly onRevealed: () => void;
  readonly marks: ReadonlyMap<string, readonly ViewDiagnostic[]>;
  readonly onSelectField: (field: ViewField) => void;
  readonly onSelectSpan: (offset: number, length: number) => void;
}) {
  const { jsc } = props;
  const source = jsc.embeddedSource;
  return (
    <section aria-labelledby="jsc-heading">
      <h2 id="jsc-heading">JavaScriptCore bytecode</h2>
      <p>
        At {hex(jsc.offset)}. {LAYOUT_TEXT[jsc.layout]}
      </p>
      <FieldTable
        label="JavaScriptCore fields"
        fields={jsc.fields}
        selectedKey={props.selectedKey}
        reveal={props.reveal}
        onRevealed={props.onRevealed}
        marks={props.marks}
        onSelect={props.onSelectField}
      />
      {jsc.layout === 'classic' &&
        (source ? (
          <EmbeddedSource source={source} generation={props.generation} tracker={props.tracker} onSelectBytes={() => props.onSelectSpan(source.offset, source.length)} />
        ) : (
          <p className="muted">The source provider holds no readable source text.</p>
        ))}
    </section>
  );
}
