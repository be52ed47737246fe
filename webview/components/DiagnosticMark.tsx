import type { Severity } from '../../extension/bmes/model';
import type { ViewDiagnostic } from '../../extension/viewModel/types';
import { diagnosticsTitle, worstSeverity } from '../lib/diagnosticIndex';

export const SEVERITY_ICON: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'info' };

/** A codicon marking a field or row that diagnostics touch; hovering it shows their full messages. */
export function DiagnosticMark(props: { readonly list: readonly ViewDiagnostic[] | undefined }) {
  const list = props.list;
  if (!list || list.length === 0) return null;
  const severity = worstSeverity(list)!;
  const text = diagnosticsTitle(list);
  return <span className={`mark codicon codicon-${SEVERITY_ICON[severity]} sev-${severity}`} title={text} role="img" aria-label={text} />;
}

export function SeverityIcon(props: { readonly severity: Severity }) {
  return <span className={`codicon codicon-${SEVERITY_ICON[props.severity]} sev-${props.severity}`} role="img" aria-label={props.severity} title={props.severity} />;
}
