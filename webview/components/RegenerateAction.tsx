import { useId } from 'react';
import type { CacheChecks } from '../../extension/protocol';
import { Button } from '../toolkit';

/** Why the view offers no regeneration, or null when it can run: the host's reason first, then a missing source. */
export function regenerateReason(checks: CacheChecks): string | null {
  if (!checks.canRegenerate) return checks.regenerateDisabledReason ?? 'Regenerating is not available here.';
  if (checks.sourcePath === null) {
    return 'No source file found beside this cache to regenerate it from: set bmesInspector.sourcePatterns, or run "BMES: Regenerate Cache" from the Command Palette to choose one.';
  }
  return null;
}

/**
 * The "Regenerate cache" button, or nothing when the host sent no checks (it may not handle the request). A
 * primary button only when regenerating would change something (a mismatch or a fault), else a secondary one;
 * disabled, with the reason on hover and beside it, when it cannot run here (untrusted workspace, no Bun for
 * the generator, no source).
 */
export function RegenerateAction(props: { readonly checks: CacheChecks | null; readonly wouldChange: boolean; readonly onRegenerate: () => void }) {
  const reasonId = useId();
  const { checks } = props;
  if (!checks) return null;
  const reason = regenerateReason(checks);
  const primary = reason === null && props.wouldChange;
  return (
    <div className="regenerate-action" data-appearance={primary ? 'primary' : 'secondary'}>
      <Button
        appearance={primary ? 'primary' : 'secondary'}
        className="regenerate"
        onClick={props.onRegenerate}
        disabled={reason !== null}
        describedBy={reason ? reasonId : undefined}
        title={
          reason ??
          (props.wouldChange
            ? 'Regenerate this cache from its source with the configured Bun or generator command'
            : 'Nothing to fix: regenerating would write the cache again from its source')
        }
      >
        <span className="codicon codicon-refresh" aria-hidden="true" /> Regenerate cache
      </Button>
      {reason && (
        <p id={reasonId} className="regenerate-reason muted">
          <span className="codicon codicon-lock" aria-hidden="true" /> {reason}
        </p>
      )}
    </div>
  );
}
