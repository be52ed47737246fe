/**
 * The webview's stylesheet. Colours come only from VS Code's theme variables (light, dark and high contrast);
 * the fallbacks apply outside VS Code (the browser tests). Injected by ./inject.ts with the page's nonce.
 */
export const STYLES = /* css */ `
html, body, #root { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body {
  font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-foreground, #cccccc);
  background: var(--vscode-editor-background, #1e1e1e);
}
*, *::before, *::after { box-sizing: border-box; }
:focus { outline: none; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* A tab's name that is shown only when the tab row is wide enough (see .tabs' container), else read by screen readers alone. */
.tab-name-when-room { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@container tabs (min-width: 960px) { .tab-name-when-room { position: static; width: auto; height: auto; overflow: visible; clip: auto; margin-left: 4px; } }
.muted { color: var(--vscode-descriptionForeground, #9d9d9d); }
/* Text, not icons: the list colours are the themes' readable ones (editorWarning/errorForeground are icon colours,
   below 4.5:1 on a light background); high contrast themes have none and use their icon colours, which read. */
.warning-text { color: var(--vscode-list-warningForeground, var(--vscode-editorWarning-foreground, #cca700)); }
.error-text { color: var(--vscode-list-errorForeground, var(--vscode-errorForeground, #f48771)); }
.error-text:empty { display: none; }
.sev-error { color: var(--vscode-editorError-foreground, #f14c4c); }
.sev-warning { color: var(--vscode-editorWarning-foreground, #cca700); }
.sev-info { color: var(--vscode-editorInfo-foreground, #3794ff); }
code, .num, .value, pre { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
button.link {
  text-align: start; /* a link that wraps reads as text, not as a centred button label */
  background: none; border: none; padding: 0; font: inherit; cursor: pointer;
  color: var(--vscode-textLink-foreground, #3794ff);
}
button.link:hover { color: var(--vscode-textLink-activeForeground, #3794ff); text-decoration: underline; }

.app { display: flex; flex-direction: column; height: 100vh; }
.app-empty { justify-content: flex-start; }
.loading { display: flex; align-items: center; gap: 8px; padding: 20px; }
.topbar { display: flex; align-items: baseline; gap: 12px; padding: 6px 12px 2px; min-width: 0; }
.breadcrumb { display: flex; align-items: center; gap: 6px; padding: 0 12px 4px; min-width: 0; flex-wrap: wrap; }
.breadcrumb .crumb-current { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 60ch; }
.topbar h1 { font-size: 1.15em; font-weight: 600; margin: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

.banner {
  display: flex; gap: 8px; align-items: flex-start; margin: 4px 12px; padding: 6px 10px;
  border: 1px solid var(--vscode-contrastBorder, transparent); border-left-width: 4px;
  background: var(--vscode-textBlockQuote-background, rgba(127, 127, 127, 0.1));
}
.banner .codicon { margin-top: 1px; }
.verdict-pass { border-left-color: var(--vscode-testing-iconPassed, #73c991); }
.verdict-pass > .codicon { color: var(--vscode-testing-iconPassed, #73c991); }
.verdict-unchecked { border-left-color: var(--vscode-editorInfo-foreground, #3794ff); }
.verdict-unchecked > .codicon { color: var(--vscode-editorInfo-foreground, #3794ff); }
.verdict-warning, .banner-warning { border-left-color: var(--vscode-editorWarning-foreground, #cca700); }
.verdict-warning > .codicon, .banner-warning > .codicon { color: var(--vscode-editorWarning-foreground, #cca700); }
.verdict-error, .banner-error { border-left-color: var(--vscode-editorError-foreground, #f14c4c); }
.verdict-error > .codicon, .banner-error > .codicon { color: var(--vscode-editorError-foreground, #f14c4c); }
.verdict-status { margin-top: 2px; }
.banner-warning { background: var(--vscode-inputValidation-warningBackground, rgba(204, 167, 0, 0.15)); }
.banner-error { background: var(--vscode-inputValidation-errorBackground, rgba(241, 76, 76, 0.15)); }

.split {
  flex: 1; min-height: 0; min-width: 0; display: flex;
  border-top: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
}
.split-row { flex-direction: row; }
.split-column { flex-direction: column; }
.structure { display: flex; flex-direction: column; min-height: 0; min-width: 0; flex: none; }
.split-hidden-bytes > .structure { flex: 1; }
.structure[hidden], .hex-pane[hidden] { display: none !important; }
.structure-head { display: flex; align-items: flex-start; gap: 4px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35)); }
.structure-head > .tabs { flex: 1; min-width: 0; border-bottom: none; }
.structure-head > .toggle-bytes { margin: 3px 6px 0 0; }
/* The splitter: a 1px line in a 6px hit area, highlighted like VS Code's sashes on hover and focus. */
.splitter { flex: none; position: relative; z-index: 2; touch-action: none; }
.splitter-row { width: 6px; cursor: col-resize; }
.splitter-column { height: 6px; cursor: row-resize; }
.splitter::after { content: ''; position: absolute; background: var(--vscode-panel-border, rgba(128, 128, 128, 0.35)); }
.splitter-row::after { top: 0; bottom: 0; left: 2px; width: 1px; }
.splitter-column::after { left: 0; right: 0; top: 2px; height: 1px; }
.splitter:hover::after, .splitter:focus-visible::after { background: var(--vscode-sash-hoverBorder, var(--vscode-focusBorder, #007fd4)); }
.splitter-row:hover::after, .splitter-row:focus-visible::after { left: 1px; width: 4px; }
.splitter-column:hover::after, .splitter-column:focus-visible::after { top: 1px; height: 4px; }
.splitter:focus-visible { outline: none; }

/* One row, as VS Code's own tab strips: a row too narrow for every tab scrolls sideways (the selected tab is kept in view), never wraps. */
.tabs {
  container: tabs / inline-size; display: flex; flex-wrap: nowrap; gap: 2px; padding: 0 8px; overflow-x: auto; overflow-y: hidden; scrollbar-width: thin;
  border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
}
.tabs > .tab { flex: none; white-space: nowrap; }
.tab {
  display: inline-flex; align-items: center; gap: 5px; padding: 6px 8px 4px; font: inherit; cursor: pointer;
  background: none; border: none; border-bottom: 2px solid transparent; color: var(--vscode-foreground, #cccccc); opacity: 0.75;
}
.tab:hover { opacity: 1; }
.tab[aria-selected='true'] {
  opacity: 1; color: var(--vscode-panelTitle-activeForeground, inherit);
  border-bottom-color: var(--vscode-panelTitle-activeBorder, var(--vscode-focusBorder, #007fd4));
}
.tab .codicon { font-size: 14px; }

.panel { flex: 1; min-height: 0; overflow: auto; padding: 4px 12px 12px; }
.panel-table { overflow: hidden; display: flex; flex-direction: column; padding-bottom: 6px; }
h2 { font-size: 1.05em; font-weight: 600; margin: 14px 0 6px; }
.note { border-left: 3px solid var(--vscode-editorInfo-foreground, #3794ff); padding: 2px 8px; }

table.fields, .problems table { border-collapse: collapse; width: 100%; }
table.fields th, table.fields td, .problems th, .problems td {
  text-align: left; vertical-align: top; padding: 3px 8px;
  border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.2));
}
table.fields thead th, .problems thead th { font-weight: 600; color: var(--vscode-descriptionForeground, #9d9d9d); }
table.fields tbody tr, .problems tbody tr { cursor: pointer; }
table.fields tbody tr:hover, .problems tbody tr:hover { background: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.12)); }
table.fields tr.selected, .problems tr.selected { background: var(--vscode-list-inactiveSelectionBackground, rgba(128, 128, 128, 0.25)); }
table.fields tr:focus-visible, .problems tr:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }
table.fields td.value { word-break: break-all; }
/* A number and its hex ("16,128 (0x3f00)") never break inside: at most ~30 characters, where text can be megabytes. */
table.fields td.value-number { word-break: normal; white-space: nowrap; }
.problems td.message { white-space: pre-wrap; }
.problems td code, .problems td.num { white-space: nowrap; }
.no-problems .codicon { color: var(--vscode-testing-iconPassed, #73c991); vertical-align: text-bottom; }
.no-problems-unchecked .codicon { color: var(--vscode-editorInfo-foreground, #3794ff); }
.problems tr.problem-group th { text-align: left; font-weight: 600; padding-top: 8px; cursor: default; }
.problems tbody tr.problem-group:hover { background: none; }
.record-summary { list-style: none; padding: 0; margin: 0; }
.record-summary li { margin: 3px 0; }
.mark { margin-right: 4px; vertical-align: text-bottom; font-size: 14px !important; cursor: help; }

.chips { display: inline-flex; gap: 3px; flex-wrap: nowrap; overflow: hidden; vertical-align: middle; }
p > .chips { flex-wrap: wrap; }
.chip {
  display: inline-block; white-space: nowrap; padding: 0 6px; border-radius: 9px; font-size: 11px; line-height: 16px;
  background: var(--vscode-badge-background, #4d4d4d); color: var(--vscode-badge-foreground, #ffffff);
  border: 1px solid var(--vscode-contrastBorder, transparent);
}
.badge {
  display: inline-block; min-width: 18px; padding: 0 5px; border-radius: 9px; font-size: 11px; line-height: 16px; text-align: center;
  background: var(--vscode-badge-background, #4d4d4d); color: var(--vscode-badge-foreground, #ffffff);
  border: 1px solid var(--vscode-contrastBorder, transparent);
}
.chip-unknown { background: var(--vscode-inputValidation-warningBackground, #5a4a00); color: var(--vscode-foreground, #cccccc); }
.chip-toggle {
  cursor: pointer; font-family: inherit; background: transparent; color: var(--vscode-foreground, #cccccc);
  border: 1px solid var(--vscode-button-border, var(--vscode-panel-border, rgba(128, 128, 128, 0.5)));
}
.chip-toggle[aria-pressed='true'] { background: var(--vscode-button-background, #0e639c); color: var(--vscode-button-foreground, #ffffff); }
.chip-toggle[aria-pressed='true'] .muted { color: inherit; }
.chip-toggle:focus-visible { outline-offset: 1px; }

.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 0 4px; }
.toolbar .spacer { flex: 1; }
.toolbar .filter { min-width: 14em; }
.toolbar .codicon { vertical-align: text-bottom; }
.count { white-space: nowrap; color: var(--vscode-descriptionForeground, #9d9d9d); }
.flag-filter { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; padding: 2px 0 4px; }
.table-info { margin: 2px 0 6px; color: var(--vscode-descriptionForeground, #9d9d9d); }
.table-view { display: flex; flex-direction: column; flex: 1; min-height: 0; }

.vgrid {
  flex: 1; min-height: 120px; overflow: auto; position: relative; overflow-anchor: none;
  border: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
}
.vgrid-head {
  position: sticky; top: 0; z-index: 1; height: 26px; min-width: var(--minw);
  background: var(--vscode-editor-background, #1e1e1e);
  border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
}
.vgrid-head .vgrid-row { height: 25px; }
.vgrid-row { display: grid; grid-template-columns: var(--cols); min-width: var(--minw); height: 22px; line-height: 22px; }
.vgrid-body { position: relative; min-width: var(--minw); }
.vgrid-window { position: absolute; top: 0; left: 0; right: 0; will-change: transform; }
.vgrid-body > .vgrid-row { left: 0; right: 0; }
.vgrid-body .vgrid-row { cursor: pointer; }
.vgrid-body .vgrid-row:hover { background: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.12)); }
.vgrid-row.active { background: var(--vscode-list-inactiveSelectionBackground, rgba(128, 128, 128, 0.25)); }
.vgrid:focus-within .vgrid-row.active {
  background: var(--vscode-list-activeSelectionBackground, #04395e);
  color: var(--vscode-list-activeSelectionForeground, #ffffff);
}
.vgrid-row:focus-visible, .cell:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }
.active-cell { box-shadow: inset 0 0 0 1px var(--vscode-focusBorder, #007fd4); }
.cell { padding: 0 6px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.col-u32, .col-index { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-variant-numeric: tabular-nums; }
.col-index { color: var(--vscode-editorLineNumber-foreground, #858585); }
.vgrid-row.active .col-index { color: inherit; }
[role='columnheader'] { min-width: 0; }
button.sort {
  display: flex; align-items: center; gap: 4px; width: 100%; height: 25px; padding: 0 6px; font: inherit; font-weight: 600;
  background: none; border: none; color: var(--vscode-foreground, #cccccc); cursor: pointer; text-align: left; overflow: hidden; white-space: nowrap;
}
button.sort:hover { background: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.12)); }
.vgrid-empty { padding: 12px; color: var(--vscode-descriptionForeground, #9d9d9d); position: absolute; top: 26px; }

.embedded-source .actions { display: flex; gap: 6px; flex-wrap: wrap; }
.source-text {
  max-height: 50vh; overflow: auto; white-space: pre; padding: 8px; margin: 8px 0;
  background: var(--vscode-textCodeBlock-background, rgba(128, 128, 128, 0.1));
  border: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
}

.hex-pane {
  flex: 1; display: flex; flex-direction: column; min-height: 0; min-width: 0; padding: 0 8px 6px;
  font-family: var(--vscode-editor-font-family, ui-monospace, monospace);
}
/* Wide: the byte details beside the grid, which then gets the pane's full height. */
.hex-pane.details-beside {
  display: grid; grid-template-columns: var(--grid-width) minmax(0, 1fr); grid-template-rows: auto auto auto auto minmax(0, 1fr); column-gap: 12px;
}
.details-beside > .toolbar, .details-beside > .legend, .details-beside > .error-text { grid-column: 1 / 3; }
.details-beside > .hex { grid-column: 1; grid-row: 5; }
.details-beside > .hex-details { grid-column: 2; grid-row: 5; height: auto; max-height: none; }
.hex-pane .toolbar, .hex-pane .legend, .hex-details { font-family: var(--vscode-font-family, system-ui, sans-serif); }
.selection-info { color: var(--vscode-descriptionForeground, #9d9d9d); }
.goto { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.goto-input { width: 16em; }
.find { display: flex; gap: 4px 6px; align-items: center; flex-wrap: wrap; padding: 0 0 4px; font-family: var(--vscode-font-family, system-ui, sans-serif); }
.find-input { width: 18em; }
.find-count { color: var(--vscode-descriptionForeground, #9d9d9d); white-space: nowrap; }
.find-case .codicon { vertical-align: text-bottom; }
.details-beside > .find { grid-column: 1 / 3; }
.legend { display: flex; flex-wrap: wrap; gap: 0 10px; list-style: none; padding: 0; margin: 0 0 4px; font-size: 12px; }
.legend-item { background: none; border: none; padding: 1px 0; font: inherit; cursor: pointer; }
.legend-item:hover { text-decoration: underline; }
.legend-item .swatch { margin-right: 3px; }

.hex {
  flex: 1; min-height: 80px; overflow: auto; position: relative; overflow-anchor: none; white-space: pre; user-select: none;
  font-size: var(--vscode-editor-font-size, 13px);
  border: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
}
.hex-head {
  position: sticky; top: 0; z-index: 1; height: 22px;
  background: var(--vscode-editor-background, #1e1e1e); color: var(--vscode-descriptionForeground, #9d9d9d);
  border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
}
.hex-body { position: relative; }
.hex-window { position: absolute; top: 0; left: 0; width: max-content; min-width: 100%; will-change: transform; }
/* Rows are as wide as their text: a pane narrower than the grid scrolls sideways, it never clips a column. */
.hex-row { display: block; min-width: max-content; height: 20px; line-height: 20px; white-space: pre; overflow: hidden; contain: layout style paint; }
.hex-measure { position: absolute; top: 0; left: 0; display: inline-block; min-width: 0; visibility: hidden; contain: none; overflow: visible; }
.hex-head .hex-row { height: 21px; line-height: 21px; }
.hex-off { color: var(--vscode-editorLineNumber-foreground, #858585); padding-left: 0.5ch; }
.hex .b { cursor: default; }
.hex-ascii { padding-left: 1ch; }
.b.pending { color: var(--vscode-disabledForeground, #6b6b6b) !important; }
.sel { background: var(--vscode-editor-selectionBackground, #264f78); color: var(--vscode-editor-selectionForeground, inherit); }
.b.caret { box-shadow: inset 0 0 0 1px var(--vscode-editorCursor-foreground, #aeafad); }
.hex .b:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }

/*
 * Region colours: each from the theme (--region-base-*), raised to WCAG AA contrast against the editor background
 * by useRegionContrast into --region-*; the base colour applies until then (and outside VS Code).
 */
:root {
  --region-bg: var(--vscode-editor-background, #1e1e1e);
  --region-base-header: var(--vscode-charts-blue, #3794ff);
  --region-base-requestedModules: var(--vscode-charts-purple, #b180d7);
  --region-base-importEntries: var(--vscode-charts-green, #89d185);
  --region-base-exportEntries: var(--vscode-charts-orange, #d18616);
  --region-base-starExports: var(--vscode-charts-yellow, #cca700);
  --region-base-declaredVariables: var(--vscode-terminal-ansiCyan, #11a8cd);
  --region-base-lexicalVariables: var(--vscode-terminal-ansiMagenta, #bc3fbc);
  --region-base-codeFeatures: var(--vscode-charts-red, #f14c4c);
  --region-base-v1BytecodeSize: var(--vscode-charts-blue, #3794ff);
  --region-base-padding: var(--vscode-descriptionForeground, #9d9d9d);
  --region-base-gap: var(--vscode-editorWarning-foreground, #cca700);
  --region-base-bytecode: var(--vscode-foreground, #cccccc);
  --region-base-trailing: var(--vscode-errorForeground, #f48771);
  --region-base-trailer: var(--vscode-charts-yellow, #cca700);
  --region-base-container: var(--vscode-charts-blue, #3794ff);
  --region-base-modules: var(--vscode-charts-purple, #b180d7);
  --region-base-contents: var(--vscode-charts-green, #89d185);
  --region-base-moduleRecord: var(--vscode-charts-orange, #d18616);
  --region-base-sharedTables: var(--vscode-terminal-ansiCyan, #11a8cd);
  --region-base-unparsed: var(--vscode-disabledForeground, #8b8b8b);
}
.r-header { color: var(--region-header, var(--region-base-header)); }
.r-requestedModules { color: var(--region-requestedModules, var(--region-base-requestedModules)); }
.r-importEntries { color: var(--region-importEntries, var(--region-base-importEntries)); }
.r-exportEntries { color: var(--region-exportEntries, var(--region-base-exportEntries)); }
.r-starExports { color: var(--region-starExports, var(--region-base-starExports)); }
.r-declaredVariables { color: var(--region-declaredVariables, var(--region-base-declaredVariables)); }
.r-lexicalVariables { color: var(--region-lexicalVariables, var(--region-base-lexicalVariables)); }
.r-codeFeatures { color: var(--region-codeFeatures, var(--region-base-codeFeatures)); }
.r-v1BytecodeSize { color: var(--region-v1BytecodeSize, var(--region-base-v1BytecodeSize)); }
.r-padding { color: var(--region-padding, var(--region-base-padding)); }
.r-gap { color: var(--region-gap, var(--region-base-gap)); text-decoration: underline dotted; }
.r-bytecode { color: var(--region-bytecode, var(--region-base-bytecode)); }
.r-trailing { color: var(--region-trailing, var(--region-base-trailing)); text-decoration: underline dotted; }
.r-trailer { color: var(--region-trailer, var(--region-base-trailer)); }
.r-container { color: var(--region-container, var(--region-base-container)); }
.r-modules { color: var(--region-modules, var(--region-base-modules)); }
.r-contents { color: var(--region-contents, var(--region-base-contents)); }
.r-moduleRecord { color: var(--region-moduleRecord, var(--region-base-moduleRecord)); }
.r-sharedTables { color: var(--region-sharedTables, var(--region-base-sharedTables)); }
.r-unparsed { color: var(--region-unparsed, var(--region-base-unparsed)); font-style: italic; }

.hex-details { overflow: auto; height: 210px; max-height: 45%; padding-top: 4px; flex: none; }
.location { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; padding: 2px 0 4px; }
.inspector-head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 2px 0 4px; }
.byte-order { display: inline-flex; gap: 4px; }
.chip-toggle[aria-checked='true'] { background: var(--vscode-button-background, #0e639c); color: var(--vscode-button-foreground, #ffffff); }
/* Every value in full: long ones wrap inside their cell, nothing ends in an ellipsis. */
/* Columns fill top to bottom (u8, i8, u16… read down), as many as fit. */
.readings { columns: 17em; column-gap: 14px; margin: 0; }
.reading { display: grid; grid-template-columns: 5.5em minmax(0, 1fr); gap: 6px; min-width: 0; break-inside: avoid; padding: 0.5px 0; }
.reading dt { color: var(--vscode-descriptionForeground, #9d9d9d); cursor: help; }
.reading dd { margin: 0; min-width: 0; font-family: var(--vscode-editor-font-family, ui-monospace, monospace); overflow-wrap: anywhere; }
.reading-text { column-span: all; }
.reading-value {
  background: none; border: none; padding: 0; margin: 0; font: inherit; color: inherit; text-align: left; cursor: copy;
  white-space: normal; overflow-wrap: anywhere; word-break: break-all;
}
.reading-value:hover { text-decoration: underline dotted; }
.utf8 { display: block; white-space: pre-wrap; word-break: break-all; max-height: 6.5em; overflow: auto; }

.status {
  position: fixed; right: 12px; bottom: 10px; z-index: 10; padding: 4px 10px; max-width: 60vw;
  background: var(--vscode-notifications-background, #252526); color: var(--vscode-notifications-foreground, #cccccc);
  border: 1px solid var(--vscode-notifications-border, var(--vscode-contrastBorder, transparent));
  box-shadow: 0 0 8px var(--vscode-widget-shadow, rgba(0, 0, 0, 0.36));
}
.status:empty { display: none; }

/* Mismatches (version, cache version, source): badges beside values, their cards, the verdict line, the checks. */
table.fields tr.mismatch > td:first-child { box-shadow: inset 3px 0 0 var(--vscode-editorWarning-foreground, #cca700); }
table.fields tr.mismatch-error > td:first-child { box-shadow: inset 3px 0 0 var(--vscode-editorError-foreground, #f14c4c); }
table.fields tr.mismatch-info > td:first-child { box-shadow: inset 3px 0 0 var(--vscode-editorInfo-foreground, #3794ff); }
.mismatch-value { display: inline; }
.mismatch-badge {
  display: inline-flex; align-items: center; gap: 3px; margin-left: 4px; padding: 0 6px; border-radius: 9px; vertical-align: baseline;
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 11px; line-height: 16px; white-space: nowrap; word-break: normal; cursor: pointer;
  color: var(--vscode-foreground, #cccccc);
  background: var(--vscode-inputValidation-warningBackground, rgba(204, 167, 0, 0.2));
  border: 1px solid var(--vscode-inputValidation-warningBorder, var(--vscode-editorWarning-foreground, #cca700));
}
.mismatch-badge.mismatch-error {
  background: var(--vscode-inputValidation-errorBackground, rgba(241, 76, 76, 0.2));
  border-color: var(--vscode-inputValidation-errorBorder, var(--vscode-editorError-foreground, #f14c4c));
}
.mismatch-badge.mismatch-info {
  background: var(--vscode-inputValidation-infoBackground, rgba(55, 148, 255, 0.2));
  border-color: var(--vscode-inputValidation-infoBorder, var(--vscode-editorInfo-foreground, #3794ff));
}
.mismatch-badge .codicon { font-size: 12px; }
.mismatch-badge.mismatch-warning .codicon { color: var(--vscode-editorWarning-foreground, #cca700); }
.mismatch-badge.mismatch-error .codicon { color: var(--vscode-editorError-foreground, #f14c4c); }
.mismatch-badge.mismatch-info .codicon { color: var(--vscode-editorInfo-foreground, #3794ff); }
.mismatch-badge:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: 1px; }
.mismatch-card {
  position: fixed; z-index: 20; width: max-content; max-width: min(34rem, calc(100vw - 16px)); max-height: 70vh; overflow: auto;
  padding: 6px 10px 8px; cursor: auto; text-align: left; white-space: normal; word-break: normal; overflow-wrap: anywhere;
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); font-weight: normal;
  color: var(--vscode-editorHoverWidget-foreground, var(--vscode-foreground, #cccccc));
  background: var(--vscode-editorHoverWidget-background, #252526);
  border: 1px solid var(--vscode-editorHoverWidget-border, #454545);
  box-shadow: 0 2px 8px var(--vscode-widget-shadow, rgba(0, 0, 0, 0.36));
}
.mismatch-card.unplaced { visibility: hidden; top: 0; left: 0; }
.mismatch-card p { margin: 4px 0; }
.mismatch-card .card-head { display: flex; align-items: center; gap: 6px; }
.mismatch-card .card-head strong { flex: 1; }
.mismatch-card .card-found { font-weight: 600; }
.mismatch-card .card-details { margin-top: 6px; color: var(--vscode-descriptionForeground, #9d9d9d); }
.mismatch-card .card-details summary { cursor: pointer; }
.mismatch-card .card-details ul { margin: 4px 0; padding-left: 18px; }
.mismatch-card code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
.regenerate-action { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; margin: 6px 0 2px; }
.regenerate-action .codicon { vertical-align: text-bottom; }
.regenerate-reason { margin: 0; }
.regenerate-reasons { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 2px; }
.mismatch-line { align-items: center; padding-top: 3px; padding-bottom: 3px; border-left-color: var(--vscode-editorWarning-foreground, #cca700); }
.mismatch-line > .codicon { color: var(--vscode-editorWarning-foreground, #cca700); }
.mismatch-line-error { border-left-color: var(--vscode-editorError-foreground, #f14c4c); }
.mismatch-line-error > .codicon { color: var(--vscode-editorError-foreground, #f14c4c); }
.mismatch-line-info { border-left-color: var(--vscode-editorInfo-foreground, #3794ff); }
.mismatch-line-info > .codicon { color: var(--vscode-editorInfo-foreground, #3794ff); }
.mismatch-line ul { display: flex; flex-wrap: wrap; gap: 2px 16px; list-style: none; margin: 0; padding: 0; }
.checks dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 0; }
.checks .check { display: contents; }
.checks dt { color: var(--vscode-descriptionForeground, #9d9d9d); white-space: nowrap; }
.checks dt .codicon { margin-right: 4px; vertical-align: text-bottom; }
.checks dd { margin: 0; overflow-wrap: anywhere; }
.check-ok .codicon { color: var(--vscode-testing-iconPassed, #73c991); }
.check-mismatch.check-warning .codicon { color: var(--vscode-editorWarning-foreground, #cca700); }
.check-mismatch.check-error .codicon { color: var(--vscode-editorError-foreground, #f14c4c); }
.check-mismatch.check-info .codicon { color: var(--vscode-editorInfo-foreground, #3794ff); }
.check-unchecked .codicon { color: var(--vscode-descriptionForeground, #9d9d9d); }
.banner-info { border-left-color: var(--vscode-editorInfo-foreground, #3794ff); }
.banner-info > .codicon { color: var(--vscode-testing-iconPassed, #73c991); }
.regenerated-text { flex: 1; min-width: 0; }
.regenerated-summary { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 30vh; overflow: auto; margin-top: 2px; }

/* High contrast: borders instead of fills, as VS Code's own lists do. */
body.vscode-high-contrast .vgrid-row.active, body.vscode-high-contrast-light .vgrid-row.active,
body.vscode-high-contrast table.fields tr.selected, body.vscode-high-contrast-light table.fields tr.selected,
body.vscode-high-contrast .problems tr.selected, body.vscode-high-contrast-light .problems tr.selected {
  outline: 1px dashed var(--vscode-contrastActiveBorder, #f38518); outline-offset: -1px;
}
body.vscode-high-contrast .sel, body.vscode-high-contrast-light .sel { outline: 1px solid var(--vscode-contrastActiveBorder, #f38518); outline-offset: -1px; }
body.vscode-high-contrast .tab[aria-selected='true'], body.vscode-high-contrast-light .tab[aria-selected='true'] {
  border-bottom-color: var(--vscode-contrastActiveBorder, #f38518);
}
body.vscode-high-contrast .chip, body.vscode-high-contrast-light .chip { border-color: var(--vscode-contrastBorder, #6fc3df); }
body.vscode-high-contrast .mismatch-badge, body.vscode-high-contrast-light .mismatch-badge { background: transparent; border-color: var(--vscode-contrastBorder, #6fc3df); }
body.vscode-high-contrast .mismatch-card, body.vscode-high-contrast-light .mismatch-card { border-color: var(--vscode-contrastBorder, #6fc3df); box-shadow: none; }
body.vscode-high-contrast .mismatch-badge:focus-visible, body.vscode-high-contrast-light .mismatch-badge:focus-visible { outline-color: var(--vscode-contrastActiveBorder, #f38518); }
body.vscode-high-contrast .chip-toggle[aria-checked='true'], body.vscode-high-contrast .chip-toggle[aria-pressed='true'] {
  outline: 2px solid var(--vscode-contrastActiveBorder, #f38518); outline-offset: -1px;
}
body.vscode-high-contrast .splitter::after { background: var(--vscode-contrastBorder, #6fc3df); }
`;
