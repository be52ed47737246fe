import { visibleControls } from '../lib/text';
import { Button } from '../toolkit';

/** After "Regenerate cache": what changed, one fact per line, until dismissed or the next regenerate. */
export function RegeneratedBanner(props: { readonly summary: string; readonly onDismiss: () => void }) {
  // Line breaks are the summary's own; any other control or bidi character is shown, not applied.
  const lines = props.summary.split(/\r?\n/).map(visibleControls);
  return (
    <div className="banner banner-info regenerated" role="status">
      <span className="codicon codicon-check" aria-hidden="true" />
      <div className="regenerated-text">
        <strong>Cache regenerated.</strong>
        <div className="regenerated-summary">
          {lines.map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </div>
      </div>
      <Button appearance="icon" className="dismiss" label="Dismiss" title="Dismiss" onClick={props.onDismiss}>
        <span className="codicon codicon-close" aria-hidden="true" />
      </Button>
    </div>
  );
}
