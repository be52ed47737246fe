import { useContext, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react';
import type { MismatchCard } from '../lib/mismatch';
import { Button } from '../toolkit';
import { SEVERITY_ICON } from './DiagnosticMark';
import { MismatchContext } from './mismatchContext';
import { RegenerateAction } from './RegenerateAction';

/** How long the card stays after the pointer leaves, so it can cross the gap between badge and card. */
const LEAVE_DELAY_MS = 250;
const MARGIN = 8;

interface Position {
  readonly top: number;
  readonly left: number;
}

/** Below the badge, or above when there is no room below; kept inside the window. */
function placeCard(anchor: DOMRect, width: number, height: number): Position {
  const below = anchor.bottom + 4;
  const above = anchor.top - 4 - height;
  const top = below + height > window.innerHeight - MARGIN && above >= MARGIN ? above : below;
  const left = Math.max(MARGIN, Math.min(anchor.left, window.innerWidth - width - MARGIN));
  return { top: Math.round(top), left: Math.round(left) };
}

const stop = (event: SyntheticEvent) => event.stopPropagation();

/**
 * A field value with its mismatch badge. Hovering the value or the badge, or focusing the badge, shows the card
 * (found vs expected, what Bun does, the fix and "Regenerate cache"); a click keeps it open, and so do Enter
 * and Space, which also move focus into it; Escape closes it. The card is a non-modal dialog placed beside the badge.
 */
export function MismatchValue(props: { readonly card: MismatchCard; readonly children: ReactNode }) {
  const { card } = props;
  const ctx = useContext(MismatchContext);
  const id = useId();
  const cardId = `${id}-card`;
  const titleId = `${id}-title`;
  const foundId = `${id}-found`;
  const [hover, setHover] = useState(false);
  const [focusWithin, setFocusWithin] = useState(false);
  const [pinned, setPinned] = useState(false);
  /** Escape closed the card while the pointer or focus is still on it: stay closed until they leave. */
  const [suppressed, setSuppressed] = useState(false);
  const [position, setPosition] = useState<Position | null>(null);
  const wrap = useRef<HTMLSpanElement>(null);
  const badge = useRef<HTMLButtonElement>(null);
  const cardEl = useRef<HTMLDivElement>(null);
  const leaveTimer = useRef(0);
  const focusOnOpen = useRef(false);
  const hasFocus = useRef(false);
  const open = pinned || ((hover || focusWithin) && !suppressed);

  useEffect(() => () => window.clearTimeout(leaveTimer.current), []);

  // A link in the verdict area asked for this card: show it and move focus into it.
  const { request, onRequestHandled } = ctx;
  useEffect(() => {
    if (!request || request.key !== card.fieldKey) return;
    onRequestHandled();
    wrap.current?.scrollIntoView({ block: 'center' });
    focusOnOpen.current = true;
    setSuppressed(false);
    setPinned(true);
  }, [request, card.fieldKey, onRequestHandled]);

  useLayoutEffect(() => {
    if (!open) {
      setPosition(null);
      return;
    }
    const place = () => {
      const anchor = badge.current?.getBoundingClientRect();
      const el = cardEl.current;
      if (!anchor || !el) return;
      const next = placeCard(anchor, el.offsetWidth, el.offsetHeight);
      setPosition((p) => (p && p.top === next.top && p.left === next.left ? p : next));
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open]);

  useLayoutEffect(() => {
    if (!open || !position || !focusOnOpen.current) return;
    focusOnOpen.current = false;
    const button = cardEl.current?.querySelector<HTMLElement>('vscode-button.regenerate:not([disabled])');
    (button ?? cardEl.current)?.focus();
  }, [open, position]);

  const close = (returnFocus: boolean) => {
    setPinned(false);
    setSuppressed(true);
    if (returnFocus) badge.current?.focus();
  };

  const openPinned = (moveFocus: boolean) => {
    focusOnOpen.current = moveFocus;
    setSuppressed(false);
    setPinned(true);
  };

  const onBadgeKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      // Not the row's Enter or Space (select the field's bytes): the button's own click opens the card.
      event.stopPropagation();
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      close(false);
    }
  };

  const onCardKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys inside the card are the card's: the row around it must not take Enter, Space or the arrows.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    }
  };

  const regenerate = () => {
    close(true);
    ctx.onRegenerate();
  };

  const severity = card.severity ?? 'info';
  return (
    <span
      className="mismatch-value"
      ref={wrap}
      title=""
      onMouseEnter={() => {
        window.clearTimeout(leaveTimer.current);
        setHover(true);
      }}
      onMouseLeave={() => {
        window.clearTimeout(leaveTimer.current);
        leaveTimer.current = window.setTimeout(() => {
          setHover(false);
          if (!hasFocus.current) setSuppressed(false);
        }, LEAVE_DELAY_MS);
      }}
      onFocus={() => {
        hasFocus.current = true;
        setFocusWithin(true);
      }}
      onBlur={(event) => {
        if (wrap.current?.contains(event.relatedTarget as Node | null)) return;
        hasFocus.current = false;
        setFocusWithin(false);
        setPinned(false);
        setSuppressed(false);
      }}
    >
      <span className="mismatch-text">{props.children}</span>{' '}
      <button
        type="button"
        ref={badge}
        className={`mismatch-badge mismatch-${severity}`}
        data-kind={card.kind}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? cardId : undefined}
        aria-describedby={open ? foundId : undefined}
        onClick={(event) => {
          // From the keyboard or assistive technology (no pointer clicks): focus moves into the card.
          if (pinned) close(false);
          else openPinned(event.detail === 0);
        }}
        onKeyDown={onBadgeKeyDown}
      >
        <span className={`codicon codicon-${SEVERITY_ICON[severity]}`} aria-hidden="true" />
        {card.badge}
      </button>
      {open && (
        <div
          ref={cardEl}
          id={cardId}
          role="dialog"
          aria-modal="false"
          aria-labelledby={titleId}
          aria-describedby={foundId}
          tabIndex={-1}
          className={`mismatch-card mismatch-card-${severity}${position ? '' : ' unplaced'}`}
          style={position ? { top: position.top, left: position.left } : undefined}
          data-field={card.fieldKey}
          onClick={stop}
          onDoubleClick={stop}
          onKeyDown={onCardKeyDown}
        >
          <div className="card-head">
            <span className={`codicon codicon-${SEVERITY_ICON[severity]} sev-${severity}`} aria-hidden="true" />
            <strong id={titleId}>{card.title}</strong>
            {pinned && (
              <Button appearance="icon" className="card-close" label="Close" title="Close (Escape)" onClick={() => close(true)}>
                <span className="codicon codicon-close" aria-hidden="true" />
              </Button>
            )}
          </div>
          <p id={foundId} className="card-found">
            {card.found}
          </p>
          {card.about && <p className="card-about muted">{card.about}</p>}
          <p className="card-consequence">
            <strong>What happens: </strong>
            {card.consequence}
          </p>
          {card.fix && (
            <p className="card-fix">
              <strong>Fix: </strong>
              {card.fix}
            </p>
          )}
          <RegenerateAction checks={ctx.checks} forExecutable={ctx.forExecutable} wouldChange={card.severity !== null} onRegenerate={regenerate} />
          {card.diagnostics.length > 0 && (
            <details className="card-details">
              <summary>{card.diagnostics.length === 1 ? 'The diagnostic' : `The ${card.diagnostics.length} diagnostics`}</summary>
              <ul>
                {card.diagnostics.map((d, i) => (
                  <li key={i}>
                    <code>{d.code}</code> {d.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </span>
  );
}
