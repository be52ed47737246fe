import { useContext } from 'react';
import { CODE_FEATURE_FLAGS, CODE_FEATURES_KNOWN } from '../../extension/bmes/flags';
import type { TableId, ViewField, ViewModel } from '../../extension/viewModel/types';
import { worstSeverity, type DiagnosticIndex } from '../lib/diagnosticIndex';
import type { RequestTracker } from '../lib/requests';
import { fmtInt } from '../lib/format';
import { ChecksSection } from './ChecksSection';
import { DiagnosticMark } from './DiagnosticMark';
import { MismatchContext } from './mismatchContext';
import { FieldTable } from './FieldTable';
import { FlagChips } from './FlagChips';
import { JscSection } from './JscSection';

export interface OverviewProps {
  readonly model: ViewModel;
  readonly generation: number;
  readonly tracker: RequestTracker;
  readonly diagnostics: DiagnosticIndex;
  readonly selectedField: string | null;
  /** Scroll the selected field into view, then call onRevealed. */
  readonly reveal: boolean;
  readonly onRevealed: () => void;
  readonly onSelectField: (field: ViewField) => void;
  readonly onSelectSpan: (offset: number, length: number) => void;
  readonly onOpenTable: (id: TableId) => void;
  /** The model is a preview: its lists hold the rows of the file's first page, not yet all of them. */
  readonly reading?: boolean;
}

/** What the cache was checked against, header, layout, module-record summary, code features and the JavaScriptCore section. */
export function Overview(props: OverviewProps) {
  const { model, diagnostics } = props;
  const mismatches = useContext(MismatchContext);
  const common = { selectedKey: props.selectedField, reveal: props.reveal, onRevealed: props.onRevealed, marks: diagnostics.fields, onSelect: props.onSelectField };
  return (
    <div className="overview">
      {mismatches.checks && <ChecksSection model={model} checks={mismatches.checks} cards={[...mismatches.cards.values()]} onRegenerate={mismatches.onRegenerate} />}
      {model.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>{section.title}</h2>
          {section.note && <p className="note">{section.note}</p>}
          <FieldTable label={section.title} fields={section.fields} {...common} />
        </section>
      ))}
      {model.header.length > 0 && (
        <section aria-labelledby="header-heading">
          <h2 id="header-heading">Header</h2>
          {model.version === 2 && (
            <p className="note">Version 2's layout is inferred: no version-2 writer survives in public. Bun reads its header and bytecode and ignores everything between.</p>
          )}
          <FieldTable label="Header fields" fields={model.header} {...common} />
        </section>
      )}
      <section aria-labelledby="layout-heading">
        <h2 id="layout-heading">Layout</h2>
        <FieldTable label="Layout" fields={model.layout} {...common} />
      </section>
      {model.tables.length > 0 && (
        <section aria-labelledby="record-heading">
          <h2 id="record-heading">{model.kind === 'executable' ? 'Tables' : 'Module record'}</h2>
          <ul className="record-summary">
            {model.tables.map((t) => (
              <li key={t.id}>
                <DiagnosticMark list={diagnostics.tables.get(t.id)} />
                <button type="button" className="link" onClick={() => props.onOpenTable(t.id)}>
                  {t.title}
                </button>
                : {fmtInt(t.rowCount)} {t.rowCount === 1 ? 'entry' : 'entries'}
                {props.reading
                  ? !t.complete && <span className="muted"> so far, of {fmtInt(t.count.value)}</span>
                  : !t.complete && (
                      // In the colour of the mark beside it: the fault that cut the list short.
                      <span className={worstSeverity(diagnostics.tables.get(t.id) ?? []) === 'error' ? 'error-text' : 'warning-text'}>
                        {' '}
                        (cut short: the count field says {fmtInt(t.count.value)})
                      </span>
                    )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {model.codeFeatures && (
        <section aria-labelledby="features-heading">
          <h2 id="features-heading">Code features</h2>
          <FieldTable label="Code features" fields={[model.codeFeatures]} {...common} />
          {Number(model.codeFeatures.value) !== 0 && (
            <p>
              <FlagChips bits={Number(model.codeFeatures.value)} table={CODE_FEATURE_FLAGS} known={CODE_FEATURES_KNOWN} />
            </p>
          )}
        </section>
      )}
      {model.jsc ? (
        <JscSection
          jsc={model.jsc}
          generation={props.generation}
          tracker={props.tracker}
          selectedKey={props.selectedField}
          reveal={props.reveal}
          onRevealed={props.onRevealed}
          marks={diagnostics.fields}
          onSelectField={props.onSelectField}
          onSelectSpan={props.onSelectSpan}
        />
      ) : (
        <section aria-labelledby="jsc-heading">
          <h2 id="jsc-heading">JavaScriptCore bytecode</h2>
          <p className="muted">{props.reading ? 'Read once the file is decoded.' : 'No bytecode section could be decoded.'}</p>
        </section>
      )}
    </div>
  );
}
