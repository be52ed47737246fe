import { useId } from 'react';
import type { CacheChecks } from '../../extension/protocol';
import { regenerateReasons } from '../lib/regenerateReasons';
import { Button } from '../toolkit';

/**
 * The "Regenerate cache" button, or nothing when the host sent no checks (it may not handle the request). A
 * primary button only when regenerating would change something (a mismatch or a fault), else a secondary one;
 * disabled, with every reason on hover and beside it, when it cannot run here (untrusted workspace, no Bun for
 * the generator, no source). On an executable it runs nothing, so nothing blocks it: the host shows which
 * `bun build --compile` flags give every module bytecode (the user's own build makes the executable).
 */
export function RegenerateAction(props: {
  readonly checks: CacheChecks | null;
  readonly wouldChange: boolean;
  readonly onRegenerate: () => void;
  readonly forExecutable?: boolean;
}) {
  const reasonId = useId();
  const { checks } = props;
  if (!checks) return null;
  const reasons = props.forExecutable ? [] : regenerateReasons(checks);
  const blocked = reasons.length > 0;
  const primary = !blocked && props.wouldChange;
  return (
    <div className="regenerate-action" data-appearance={primary ? 'primary' : 'secondary'}>
      <Button
        appearance={primary ? 'primary' : 'secondary'}
        className="regenerate"
        onClick={props.onRegenerate}
        disabled={blocked}
        describedBy={blocked ? reasonId : undefined}
        title={
          blocked
            ? reasons.join('\n')
            : props.forExecutable
              ? 'An executable is rebuilt by your own build: shows the bun build --compile flags that give every module bytecode (nothing is run)'
              : props.wouldChange
                ? 'Regenerate this cache from its source with the configured Bun or generator command'
                : 'Nothing to fix: regenerating would write the cache again from its source'
        }
      >
        <span className="codicon codicon-refresh" aria-hidden="true" /> Regenerate cache
      </Button>
      {reasons.length === 1 && (
        <p id={reasonId} className="regenerate-reason muted">
          <span className="codicon codicon-lock" aria-hidden="true" /> {reasons[0]}
        </p>
      )}
      {reasons.length > 1 && (
        <ul id={reasonId} className="regenerate-reason regenerate-reasons muted">
          {reasons.map((r) => (
            <li key={r}>
              <span className="codicon codicon-lock" aria-hidden="true" /> {r}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
