import { useId } from 'react';
import type { CacheChecks } from '../../extension/protocol';
import { Button } from '../toolkit';

/**
 * The "Regenerate cache" button, or nothing when the host sent no checks (it may not handle the request).
 * Disabled, with the host's reason beside it, when regenerating cannot run here (e.g. an untrusted workspace).
 */
export function RegenerateAction(props: { readonly checks: CacheChecks | null; readonly onRegenerate: () => void }) {
  const reasonId = useId();
  const { checks } = props;
  if (!checks) return null;
  const reason = checks.canRegenerate ? null : (checks.regenerateDisabledReason ?? 'Regenerating is not available here.');
  return (
    <div className="regenerate-action">
      <Button
        appearance="primary"
        className="regenerate"
        onClick={props.onRegenerate}
        disabled={!checks.canRegenerate}
        describedBy={reason ? reasonId : undefined}
        title={reason ?? 'Regenerate this cache from its source with the configured Bun or generator command'}
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
