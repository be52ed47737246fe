/**
 * The only module that imports @vscode/webview-ui-toolkit (archived upstream): switching to @vscode-elements
 * means changing this file alone.
 */
import { provideReactWrapper } from '@microsoft/fast-react-wrapper';
import { provideVSCodeDesignSystem, vsCodeBadge, vsCodeDivider, vsCodeProgressRing } from '@vscode/webview-ui-toolkit';
import React from 'react';

const { wrap } = provideReactWrapper(React, provideVSCodeDesignSystem());

export const Badge = wrap(vsCodeBadge());
export const Divider = wrap(vsCodeDivider());
export const ProgressRing = wrap(vsCodeProgressRing());
