import type { ViewModel } from '../../extension/viewModel/types';
import type { Host } from '../host';
import { fmtInt } from '../lib/format';

/**
 * Where an executable's view is: the module list, or one module of it, with the way back and to the module's
 * source. Module names come from the file: rendered as text only.
 */
export function ModuleBreadcrumb(props: { readonly model: ViewModel; readonly host: Host; readonly onOpened: () => void }) {
  const { model, host } = props;
  const module = model.module;
  const modules = model.tables.find((t) => t.id === 'modules');
  return (
    <nav className="breadcrumb" aria-label="Module">
      {module ? (
        <>
          <button
            type="button"
            className="link"
            onClick={() => {
              host.post({ type: 'openModule', index: null });
              props.onOpened();
            }}
          >
            <span className="codicon codicon-arrow-left" aria-hidden="true" /> Modules ({fmtInt(module.count)})
          </button>
          <span className="codicon codicon-chevron-right" aria-hidden="true" />
          <span className="crumb-current" title={module.name}>
            #{module.index} {module.name}
            {module.isEntry ? ' (entry point)' : ''}
          </span>
          {module.recordStore && <span className="muted"> · record: {module.recordStore}</span>}
          {module.contents && (
            <button
              type="button"
              className="link"
              onClick={() => host.post({ type: 'openModuleSource', index: module.index })}
              title="Open the module's source as a read-only JavaScript document beside the inspector"
            >
              <span className="codicon codicon-go-to-file" aria-hidden="true" /> Open source
            </button>
          )}
        </>
      ) : (
        <span className="muted">
          {fmtInt(modules?.rowCount ?? 0)} modules: open one from the Modules tab (double-click or “Open module”) to see its record, bytecode and source.
        </span>
      )}
    </nav>
  );
}
