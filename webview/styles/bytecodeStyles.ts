/** The Bytecode tab's styles (injected once by the tab, with the page's nonce), in VS Code's theme variables. */
export const BYTECODE_STYLES = `
.bytecode { display: flex; flex-direction: column; height: 100%; min-height: 0; }
.bytecode-summary { margin: 6px 0; }
.bytecode-diagnostic { margin: 2px 0; }
.bytecode-toolbar { margin: 2px 0 6px; }
.bytecode-head, .bytecode-row { display: grid; grid-template-columns: minmax(12em, 1fr) 9em 7em 6em 6em; gap: 8px; align-items: center; }
.bytecode-head { font-weight: 600; border-bottom: 1px solid var(--vscode-panel-border, transparent); padding: 2px 4px; }
.bytecode-list { flex: 1; min-height: 120px; overflow: auto; outline: none; }
.bytecode-list:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.bytecode-row { position: absolute; left: 0; right: 0; padding: 0 4px; white-space: nowrap; cursor: pointer; }
.bytecode-row:hover { background: var(--vscode-list-hoverBackground); }
.bytecode-row.active { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
.bytecode-row .bc-name { overflow: hidden; text-overflow: ellipsis; }
.bc-num { text-align: right; font-variant-numeric: tabular-nums; }
.bc-range { color: var(--vscode-descriptionForeground); overflow: hidden; text-overflow: ellipsis; }
.bytecode-source { margin: 2px 0; color: var(--vscode-descriptionForeground); }
.bytecode-instructions { flex: 0 0 40%; min-height: 100px; display: flex; flex-direction: column; border-top: 1px solid var(--vscode-panel-border, transparent); margin-top: 4px; }
.bytecode-instructions-head, .bytecode-instructions-note { margin: 4px 0 2px; }
.bytecode-instruction-list { flex: 1; min-height: 60px; overflow: auto; outline: none; font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 12px); }
.bytecode-instruction-list:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.bytecode-instruction { position: absolute; left: 0; right: 0; padding: 0 4px; display: grid; grid-template-columns: 8em 1fr; gap: 8px; white-space: pre; }
.bytecode-instruction .bi-offset, .bytecode-instruction.raw .bi-text { color: var(--vscode-descriptionForeground); }
`;
