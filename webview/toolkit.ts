/**
 * The only module that imports @vscode/webview-ui-toolkit (archived upstream): switching to @vscode-elements
 * means changing this file alone. The rest of the webview sees small typed components with plain props.
 */
import { provideReactWrapper } from '@microsoft/fast-react-wrapper';
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDropdown, vsCodeOption, vsCodeProgressRing, vsCodeTextField } from '@vscode/webview-ui-toolkit';
import React, { createElement, useCallback, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const { wrap } = provideReactWrapper(React, provideVSCodeDesignSystem());

const FastButton = wrap(vsCodeButton());
const FastDropdown = wrap(vsCodeDropdown(), { events: { onChange: 'change' } });
const FastOption = wrap(vsCodeOption());
const FastProgressRing = wrap(vsCodeProgressRing());
const FastTextField = wrap(vsCodeTextField(), { events: { onInput: 'input' } });

/** The toolkit's elements expose `value` on the element itself. */
const valueOf = (target: EventTarget | null): string => {
  const value = (target as { value?: unknown } | null)?.value;
  return typeof value === 'string' ? value : '';
};

/**
 * A count badge. Not the toolkit's <vscode-badge>: its template carries an inline `style` attribute, which the
 * webview's CSP (no 'unsafe-inline') blocks. Styled with the same theme variables.
 */
export function Badge(props: { readonly children: ReactNode; readonly title?: string }) {
  return createElement('span', { className: 'badge', title: props.title }, props.children);
}

export function ProgressRing(props: { readonly label: string }) {
  return createElement(FastProgressRing, { 'aria-label': props.label });
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
    FastButton,
    {
      appearance: props.appearance ?? 'secondary',
      title: props.title,
      'aria-label': props.label,
      'aria-describedby': props.describedBy,
      disabled: props.disabled ?? false,
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
  const onInput = useCallback((event: Event) => onValue(valueOf(event.currentTarget)), [onValue]);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  return createElement(
    FastTextField,
    {
      ref: (el: HTMLElement | null) => {
        ref.current = el;
      },
      value: props.value,
      placeholder: props.placeholder ?? '',
      'aria-label': props.label,
      'aria-invalid': props.invalid ? 'true' : undefined,
      'aria-describedby': props.describedBy,
      className: props.className,
      onInput,
      onKeyDown: props.onKeyDown,
    } as Record<string, unknown>,
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
  const { options, onValue } = props;
  const onChange = useCallback(
    (event: Event) => {
      const option = options.find((o) => o.value === valueOf(event.currentTarget));
      if (option) onValue(option.value);
    },
    [options, onValue],
  );
  return createElement(
    FastDropdown,
    { value: props.value, 'aria-label': props.label, title: props.title, onChange } as Record<string, unknown>,
    options.map((o) => createElement(FastOption, { key: o.value, value: o.value, selected: o.value === props.value } as Record<string, unknown>, o.label)),
  );
}
