/**
 * The only module that imports @vscode/webview-ui-toolkit (archived upstream): switching to @vscode-elements
 * means changing this file alone. The rest of the webview sees small typed components with plain props.
 *
 * The components render the toolkit's custom elements by tag name; the elements themselves (FAST, about a
 * fifth of the webview's script) are defined by a second bundle, dist/webviewToolkit.js, whose entry calls
 * `defineToolkitElements` below, and which the page loads only once the first view has painted
 * (`loadToolkitElements`): the header and hex rows do not wait for it. Until then the elements are hidden
 * (`:not(:defined)` in the stylesheet), and the browser upgrades them in place when they are defined.
 * The main bundle never calls `defineToolkitElements`: the toolkit is free of side effects, so it is left out.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDropdown, vsCodeOption, vsCodeProgressRing, vsCodeTextField } from '@vscode/webview-ui-toolkit';
import { createElement, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** The tags of the toolkit's elements this webview uses (the stylesheet hides them until defined). */
export const TOOLKIT_TAGS = ['vscode-button', 'vscode-dropdown', 'vscode-option', 'vscode-progress-ring', 'vscode-text-field'] as const;

/**
 * Until its element is defined, a toolkit tag is an empty box with its label as bare text: kept out of sight (unless
 * the toolkit's script failed to load: then shown so, still clickable), and a button in the box the toolkit gives it
 * (26 px high, 11 px either side of its label; 22 × 22 as an icon), so that nothing around it moves when it is defined.
 */
export const TOOLKIT_STYLES = `${TOOLKIT_TAGS.map((t) => `html:not([data-toolkit='missing']) ${t}:not(:defined)`).join(', ')} { visibility: hidden; }
vscode-button:not(:defined) { display: block; box-sizing: border-box; min-height: 26px; padding: 4px 10px; border: 1px solid transparent; }
vscode-button[appearance='icon']:not(:defined) { width: 22px; min-height: 22px; height: 22px; padding: 0; border: 0; }`;

/** Defines the toolkit's elements; called by the toolkit bundle's entry (toolkitEntry.ts) alone. */
export function defineToolkitElements(): void {
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDropdown(), vsCodeOption(), vsCodeProgressRing(), vsCodeTextField());
}

let loading = false;

/**
 * Adds the toolkit bundle's script to the page, once, after the next frame has painted: the URL is the page's
 * (`data-toolkit` on the webview's own script), the nonce the CSP's.
 */
export function loadToolkitElements(nonce: string): void {
  if (loading) return;
  loading = true;
  const src = document.querySelector<HTMLScriptElement>('script[data-toolkit]')?.dataset['toolkit'];
  if (!src) return;
  // A frame callback runs before that frame paints; a task queued from it runs after.
  requestAnimationFrame(() =>
    setTimeout(() => {
      const script = document.createElement('script');
      script.nonce = nonce;
      script.src = src;
      // Should it not load, the tags stay undefined: shown as they are (their labels, still clickable), not hidden.
      script.addEventListener('error', () => (document.documentElement.dataset['toolkit'] = 'missing'));
      document.head.appendChild(script);
    }),
  );
}

/** The toolkit's elements expose `value` on the element itself. */
const valueOf = (target: EventTarget | null): string => {
  const value = (target as { value?: unknown } | null)?.value;
  return typeof value === 'string' ? value : '';
};

/** Listens to `type` on the element behind `ref` (the toolkit's own events, which React does not map). */
function useElementEvent(ref: { readonly current: HTMLElement | null }, type: string, handler: (event: Event) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const listener = (event: Event) => latest.current(event);
    el.addEventListener(type, listener);
    return () => el.removeEventListener(type, listener);
  }, [ref, type]);
}

/**
 * A count badge. Not the toolkit's <vscode-badge>: its template carries an inline `style` attribute, which the
 * webview's CSP (no 'unsafe-inline') blocks. Styled with the same theme variables.
 */
export function Badge(props: { readonly children: ReactNode; readonly title?: string }) {
  return createElement('span', { className: 'badge', title: props.title }, props.children);
}

export function ProgressRing(props: { readonly label: string }) {
  return createElement('vscode-progress-ring', { 'aria-label': props.label });
}

export interface ButtonProps {
  readonly children: ReactNode;
  readonly onClick: () => void;
  readonly appearance?: 'primary' | 'secondary' | 'icon';
  readonly title?: string;
  readonly label?: string;
  readonly disabled?: boolean;
  readonly className?: string;
  /** The id of an element that explains the button (e.g. why it is disabled). */
  readonly describedBy?: string;
}

export function Button(props: ButtonProps) {
  return createElement(
    'vscode-button',
    {
      appearance: props.appearance ?? 'secondary',
      title: props.title,
      'aria-label': props.label,
      'aria-describedby': props.describedBy,
      // A custom element's attribute: present means disabled, whatever its value.
      disabled: props.disabled ? true : undefined,
      className: props.className,
      onClick: props.disabled ? undefined : () => props.onClick(),
    },
    props.children,
  );
}

export interface TextFieldProps {
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly label: string;
  readonly placeholder?: string;
  readonly className?: string;
  readonly autoFocus?: boolean;
  readonly onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  readonly invalid?: boolean;
  readonly describedBy?: string;
  readonly children?: ReactNode;
}

export function TextField(props: TextFieldProps) {
  const ref = useRef<HTMLElement | null>(null);
  const { onValue, autoFocus } = props;
  useElementEvent(ref, 'input', (event) => onValue(valueOf(event.currentTarget)));
  useEffect(() => {
    if (!autoFocus) return;
    const el = ref.current;
    // Before the element is defined it cannot take focus; it can once it is.
    if (el) void customElements.whenDefined('vscode-text-field').then(() => el.focus());
  }, [autoFocus]);
  return createElement(
    'vscode-text-field',
    {
      ref,
      value: props.value,
      placeholder: props.placeholder ?? '',
      'aria-label': props.label,
      'aria-invalid': props.invalid ? 'true' : undefined,
      'aria-describedby': props.describedBy,
      className: props.className,
      onKeyDown: props.onKeyDown,
    },
    props.children,
  );
}

export interface DropdownProps<T extends string> {
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onValue: (value: T) => void;
  readonly label: string;
  readonly title?: string;
}

export function Dropdown<T extends string>(props: DropdownProps<T>) {
  const ref = useRef<HTMLElement | null>(null);
  const { options, onValue } = props;
  useElementEvent(ref, 'change', (event) => {
    const option = options.find((o) => o.value === valueOf(event.currentTarget));
    if (option) onValue(option.value);
  });
  return createElement(
    'vscode-dropdown',
    { ref, value: props.value, 'aria-label': props.label, title: props.title },
    options.map((o) => createElement('vscode-option', { key: o.value, value: o.value, selected: o.value === props.value ? true : undefined }, o.label)),
  );
}
