import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { MAX_COPY_LENGTH } from '../extension/protocol';
import type { TableId, ViewModel } from '../extension/viewModel/types';
import { BytecodeTab } from './components/BytecodeTab';
import { DiagnosticMark } from './components/DiagnosticMark';
import { HexPane } from './components/HexPane';
import { Splitter } from './components/Splitter';
import { MismatchContext, type MismatchContextValue } from './components/mismatchContext';
import { MismatchLine } from './components/MismatchLine';
import { ModuleBreadcrumb } from './components/ModuleBreadcrumb';
import { Overview } from './components/Overview';
import { Problems } from './components/Problems';
import { RegeneratedBanner } from './components/RegeneratedBanner';
import { TableView } from './components/TableView';
import { PANEL_ID, Tabs, tabId, type TabSpec } from './components/Tabs';
import { VerdictBanner } from './components/VerdictBanner';
import type { Host } from './host';
import { useHostMessages } from './hooks/useHostMessages';
import { useNavigation } from './hooks/useNavigation';
import { useElementSize } from './hooks/useElementSize';
import { usePersistence } from './hooks/usePersistence';
import { useRegionContrast } from './hooks/useRegionContrast';
import { indexDiagnostics, worstSeverity } from './lib/diagnosticIndex';
import { fmtBytes, fmtInt } from './lib/format';
import { cardsByField, headlines, mismatchCards, type MismatchCard } from './lib/mismatch';
import { splitLayout, type SplitState } from './lib/splitLayout';
import type { CopyFormat } from './lib/tableData';
import { hexOf } from './lib/text';
import { DEFAULT_TABLE_UI, hasSavedSplit, selectionOfSpan, selectionRange, type ByteSelection, type TabId, type TableUi, type UiState } from './state';
import { NONCE } from './cspNonce';
import { Badge, Button, loadToolkitElements, ProgressRing } from './toolkit';

const TAB_LABELS: Readonly<Record<TableId, string>> = {
  requestedModules: 'Requests',
  importEntries: 'Imports',
  exportEntries: 'Exports',
  starExports: 'Star exports',
  declaredVariables: 'Declared',
  lexicalVariables: 'Lexical',
  modules: 'Modules',
  bytecodeStrings: 'Strings',
  slots: 'Slots',
  prelinkedModules: 'Prelinked',
};

/** The hex pane's padding and border around its grid. */
const HEX_PANE_CHROME = 17;
/** The byte details go beside the grid when at least this much width is left for them. */
const DETAILS_MIN_WIDTH = 300;
/** Before the grid has been measured: about its width in a 13px monospace font. */
const GRID_WIDTH_GUESS = 640;

/** The split is sent to the host (remembered across editors) once it has not changed for this long: not per drag step. */
const SPLIT_SEND_DELAY_MS = 300;

/** The toolkit's elements are loaded once the first view has painted, or after this long without one. */
const TOOLKIT_LATEST_MS = 1000;

/** Copying as hex turns each byte into three characters; beyond this the clipboard is the wrong tool. */
const MAX_HEX_COPY = 4 * 1024 * 1024;

/** The inspector: tabs with the file's structure on one side, its bytes on the other, linked both ways. */
export function App(props: { readonly host: Host }) {
  const { host } = props;
  const { initial, scroll, save, touchScroll } = usePersistence(host);
  useRegionContrast();
  const [ui, setUi] = useState<UiState>(initial.ui);
  const [goToOpen, setGoToOpen] = useState(false);
  const [findOpen, setFindOpen] = useState(false);
  const [status, setStatus] = useState('');
  const modelRef = useRef<ViewModel | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { ref: splitRef, attach: attachSplit, size: splitSize } = useElementSize({ width: window.innerWidth, height: Math.max(0, window.innerHeight - 120) });
  const [gridWidth, setGridWidth] = useState(GRID_WIDTH_GUESS);

  useEffect(() => save(ui), [ui, save]);

  // The split is also remembered across editors, by the host: a new editor starts with the last one chosen
  // anywhere (the host sends it before the model); an editor restored with its own state keeps its own. What the
  // user changes here is sent back, once the dragging settles.
  const ownSplit = useRef(hasSavedSplit(host.getState()));
  const splitByUser = useRef(false);
  const adoptSplit = useCallback((split: SplitState) => {
    if (ownSplit.current) return;
    ownSplit.current = true;
    setUi((u) => ({ ...u, split }));
  }, []);
  useEffect(() => {
    if (!splitByUser.current) return;
    const t = window.setTimeout(() => {
      splitByUser.current = false;
      host.post({ type: 'layout', split: ui.split });
    }, SPLIT_SEND_DELAY_MS);
    return () => window.clearTimeout(t);
  }, [ui.split, host]);

  const nav = useNavigation(modelRef, setUi);
  const { selectSpan, selectField, goToField, chooseCell, goToRecord, activateProblem } = nav;
  const doc = useHostMessages(host, selectSpan, () => setGoToOpen(true), adoptSplit);
  const model = doc.model;
  modelRef.current = model;
  const diagnostics = useMemo(() => (model ? indexDiagnostics(model) : null), [model]);
  const cards = useMemo(() => (model ? mismatchCards(model, doc.checks) : []), [model, doc.checks]);

  // "Regenerate cache" from a card or the checks: the host runs it; its summary replaces the last one.
  const [dismissedSummary, setDismissedSummary] = useState(0);
  const regeneratedSeq = doc.regenerated?.seq ?? 0;
  const forExecutable = model?.kind === 'executable';
  const regenerate = useCallback(() => {
    setDismissedSummary(regeneratedSeq);
    host.post({ type: 'regenerate' });
    setStatus(forExecutable ? 'Showing how to rebuild the executable…' : 'Regenerating the cache…');
  }, [host, regeneratedSeq, forExecutable]);
  const [cardRequest, setCardRequest] = useState<MismatchContextValue['request']>(null);
  const onRequestHandled = useCallback(() => setCardRequest(null), []);
  const openCard = useCallback(
    (card: MismatchCard) => {
      goToField(card.fieldKey, false);
      setCardRequest((r) => ({ key: card.fieldKey, seq: (r?.seq ?? 0) + 1 }));
    },
    [goToField],
  );
  const mismatchContext = useMemo<MismatchContextValue>(
    () => ({ cards: cardsByField(cards), checks: doc.checks, forExecutable, onRegenerate: regenerate, request: cardRequest, onRequestHandled }),
    [cards, doc.checks, forExecutable, regenerate, cardRequest, onRequestHandled],
  );

  // A rebuilt file may be shorter: keep the selection inside it.
  useEffect(() => {
    if (!model) return;
    setUi((u) => {
      if (!u.selection) return u;
      const { start, end } = selectionRange(u.selection);
      if (end <= model.size) return u;
      return { ...u, selection: selectionOfSpan(start, end - start, model.size) };
    });
  }, [model]);

  useEffect(() => {
    if (!status) return;
    const t = window.setTimeout(() => setStatus(''), 5000);
    return () => window.clearTimeout(t);
  }, [status]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === 'g' || event.key === 'G')) {
        event.preventDefault();
        setGoToOpen(true);
      }
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && (event.key === 'f' || event.key === 'F')) {
        event.preventDefault();
        setFindOpen(true);
        // Already open: bring the focus back to its input.
        window.setTimeout(() => document.querySelector<HTMLElement>('.find-input')?.focus(), 0);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const patchTable = useCallback((id: TableId, patch: Partial<TableUi>) => {
    setUi((u) => ({ ...u, tables: { ...u.tables, [id]: { ...(u.tables[id] ?? DEFAULT_TABLE_UI), ...patch } } }));
  }, []);

  const copyText = useCallback(
    (text: string, what: string) => {
      if (text.length > MAX_COPY_LENGTH) {
        setStatus(`Too much to copy (${fmtInt(text.length)} characters): filter the table first.`);
        return;
      }
      host.post({ type: 'copy', text });
      setStatus(`Copied ${what}.`);
    },
    [host],
  );

  const copyHex = useCallback(() => {
    if (!ui.selection) return;
    const { start, end } = selectionRange(ui.selection);
    if (end - start > MAX_HEX_COPY) {
      setStatus(`The selection is too large to copy as hex (at most ${fmtBytes(MAX_HEX_COPY)}).`);
      return;
    }
    host.bytes.read(start, end - start).then(
      (bytes) => copyText(hexOf(bytes), `${fmtInt(bytes.length)} ${bytes.length === 1 ? 'byte' : 'bytes'} as hex`),
      (error: unknown) => setStatus(`Cannot read the selection: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, [ui.selection, host, copyText]);

  const onSelection = useCallback((selection: ByteSelection) => setUi((u) => ({ ...u, selection })), []);
  const onSplit = useCallback((split: SplitState) => {
    splitByUser.current = ownSplit.current = true;
    setUi((u) => ({ ...u, split }));
  }, []);
  const toggleStructure = useCallback(() => {
    splitByUser.current = ownSplit.current = true;
    setUi((u) => ({ ...u, split: { ...u.split, collapsed: u.split.collapsed === 'structure' ? 'none' : 'structure' } }));
  }, []);
  const toggleBytes = useCallback(() => {
    splitByUser.current = ownSplit.current = true;
    setUi((u) => ({ ...u, split: { ...u.split, collapsed: u.split.collapsed === 'bytes' ? 'none' : 'bytes' } }));
  }, []);
  const onLittleEndian = useCallback((littleEndian: boolean) => setUi((u) => ({ ...u, littleEndian })), []);
  const onTopRow = useCallback(
    (row: number) => {
      scroll.hexTopRow = row;
      touchScroll();
    },
    [scroll, touchScroll],
  );

  const hasBytecode = model !== null && model.bytecode !== null;
  const tab: TabId =
    ui.tab !== 'overview' && !(ui.tab === 'problems' && !doc.preliminary) && !(ui.tab === 'bytecode' && hasBytecode) && !model?.tables.some((t) => t.id === ui.tab)
      ? 'overview'
      : ui.tab;
  const setTab = useCallback((t: TabId) => setUi((u) => ({ ...u, tab: t })), []);

  // Overview and Problems scroll inside the tab panel; restore their positions when shown.
  // On showing a tab (or the first model), not on every scroll of it (`scroll` is one mutable object).
  const hasModel = model !== null;
  useLayoutEffect(() => {
    if (hasModel && panel.current && (tab === 'overview' || tab === 'problems')) panel.current.scrollTop = scroll[tab];
  }, [tab, hasModel, scroll]);

  // The header and hex rows paint first; the buttons, fields and rings come a frame later (toolkit.ts).
  const shown = model !== null || doc.failure !== null;
  useEffect(() => {
    if (shown) loadToolkitElements(NONCE);
  }, [shown]);
  useEffect(() => {
    const t = window.setTimeout(() => loadToolkitElements(NONCE), TOOLKIT_LATEST_MS);
    return () => window.clearTimeout(t);
  }, []);

  if (!model || !diagnostics) {
    return (
      <main className="app app-empty">
        {doc.failure ? (
          <div className="banner banner-error" role="alert">
            <span className="codicon codicon-error" aria-hidden="true" /> {doc.failure}
          </div>
        ) : (
          <div className="loading">
            <ProgressRing label="Decoding" /> Decoding…
          </div>
        )}
      </main>
    );
  }

  const problemsSeverity = worstSeverity(model.diagnostics);
  const tabs: TabSpec<TabId>[] = [
    { id: 'overview', label: 'Overview' },
    ...model.tables.map((t) => ({
      id: t.id,
      label: TAB_LABELS[t.id],
      title: t.title,
      extra: (
        <>
          {/* A preview's list holds the rows read so far: "…" until the decode has them all. */}
          <Badge>{doc.preliminary && !t.complete ? `${fmtInt(t.rowCount)}…` : fmtInt(t.rowCount)}</Badge>
          <DiagnosticMark list={diagnostics.tables.get(t.id)} />
        </>
      ),
    })),
    // Its name shows where the tab row has room for it; else an icon, so the row keeps one line at common editor
    // widths (the name stays there for screen readers).
    ...(hasBytecode
      ? [
          {
            id: 'bytecode' as const,
            label: '',
            title: 'Bytecode: the JavaScriptCore code-block tree (functions, source ranges, sizes, instructions)',
            extra: (
              <>
                <span className="codicon codicon-symbol-function" aria-hidden="true" />
                <span className="tab-name-when-room">Bytecode</span>
              </>
            ),
          },
        ]
      : []),
    // A preview has checked nothing: no Problems tab that would read "none" before the checks ran.
    ...(doc.preliminary
      ? []
      : [
          {
            id: 'problems' as const,
            label: 'Problems',
            extra: (
              <>
                <Badge>{fmtInt(model.diagnostics.length)}</Badge>
                {problemsSeverity && <span className={`codicon codicon-${problemsSeverity} sev-${problemsSeverity}`} aria-hidden="true" />}
              </>
            ),
          },
        ]),
  ];

  const table = model.tables.find((t) => t.id === tab);
  let content;
  if (table) {
    content = (
      <TableView
        key={table.id}
        table={table}
        ui={ui.tables[table.id] ?? DEFAULT_TABLE_UI}
        initialScrollTop={scroll.tables[table.id] ?? 0}
        reveal={nav.tableReveal === table.id}
        onRevealed={nav.clearTableReveal}
        rowMarks={diagnostics.rows.get(table.id)}
        tableMarks={diagnostics.tables.get(table.id)?.filter((d) => !d.target)}
        reading={doc.preliminary}
        copyFormat={ui.copyFormat}
        onUi={(patch) => patchTable(table.id, patch)}
        onScroll={(top) => {
          scroll.tables[table.id] = top;
          touchScroll();
        }}
        onChoose={(row, column) => chooseCell(table.id, row, column)}
        onCopy={copyText}
        onCopyFormat={(copyFormat: CopyFormat) => setUi((u) => ({ ...u, copyFormat }))}
        rowAction={
          table.id === 'modules'
            ? {
                label: 'Open module',
                icon: 'go-to-file',
                run: (row) => {
                  host.post({ type: 'openModule', index: row });
                  setTab('overview');
                },
              }
            : undefined
        }
      />
    );
  } else if (tab === 'bytecode') {
    content = <BytecodeTab model={model} generation={doc.generation} host={host} checks={doc.checks} onSelectSpan={selectSpan} />;
  } else if (tab === 'problems') {
    content = <Problems model={model} active={ui.activeProblem} onActivate={activateProblem} />;
  } else {
    content = (
      <Overview
        model={model}
        generation={doc.generation}
        tracker={host.tracker}
        diagnostics={diagnostics}
        selectedField={ui.selectedField}
        reveal={nav.fieldReveal}
        onRevealed={nav.clearFieldReveal}
        onSelectField={selectField}
        onSelectSpan={selectSpan}
        onOpenTable={setTab}
        reading={doc.preliminary}
      />
    );
  }

  const split = splitLayout(splitSize.width, splitSize.height, gridWidth + HEX_PANE_CHROME, ui.split);
  const bytesWidth = split.orientation === 'row' ? split.bytes : splitSize.width;

  return (
    <main className="app" data-generation={doc.generation}>
      <header className="topbar">
        <h1 className="file-name" title={doc.fileName}>
          {doc.fileName}
        </h1>
        <span className="muted">
          {fmtBytes(model.size)} · {model.kindName}
        </span>
      </header>
      {model.kind === 'executable' && <ModuleBreadcrumb model={model} host={host} onOpened={() => setTab('overview')} />}
      {doc.regenerated && doc.regenerated.seq !== dismissedSummary && <RegeneratedBanner summary={doc.regenerated.summary} onDismiss={() => setDismissedSummary(regeneratedSeq)} />}
      {doc.deleted && (
        <div className="banner banner-warning" role="alert">
          <span className="codicon codicon-trash" aria-hidden="true" /> The file was deleted on disk. This is its last decoded content; bytes not loaded yet can no longer be read.
        </div>
      )}
      {doc.failure && (
        <div className="banner banner-error" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" /> {doc.failure}
        </div>
      )}
      {doc.preliminary ? (
        <div className="banner verdict verdict-unchecked" role="status" data-preliminary="true">
          <ProgressRing label="Reading" />
          <div>
            <strong>{model.verdict.outcome.summary}…</strong> <span className="verdict-reason">{model.verdict.outcome.reason}</span>
          </div>
        </div>
      ) : (
        <VerdictBanner verdict={model.verdict} onShowProblems={() => setTab('problems')} />
      )}
      <MismatchLine cards={headlines(cards)} onOpen={openCard} />
      <div
        className={`split split-${split.orientation}${ui.split.collapsed !== 'none' ? ` split-hidden-${ui.split.collapsed}` : ''}`}
        ref={attachSplit}
        data-orientation={split.orientation}
      >
        <section
          id="structure-pane"
          className="structure"
          aria-label="Structure"
          hidden={ui.split.collapsed === 'structure'}
          style={split.orientation === 'row' ? { width: split.structure } : { height: split.structure }}
        >
          <div className="structure-head">
            <Tabs tabs={tabs} selected={tab} onSelect={setTab} label="File structure" />
            <Button
              appearance="icon"
              className="toggle-bytes"
              onClick={toggleBytes}
              label={ui.split.collapsed === 'bytes' ? 'Show the bytes' : 'Hide the bytes'}
              title={ui.split.collapsed === 'bytes' ? 'Show the hex view' : 'Hide the hex view: the structure takes the whole editor'}
            >
              <span
                className={`codicon codicon-${split.orientation === 'row' ? 'layout-sidebar-right' : 'layout-panel'}${ui.split.collapsed === 'bytes' ? '-off' : ''}`}
                aria-hidden="true"
              />
            </Button>
          </div>
          <div
            role="tabpanel"
            id={PANEL_ID}
            aria-labelledby={tabId(tab)}
            className={`panel${table || tab === 'bytecode' ? ' panel-table' : ''}`}
            ref={panel}
            onScroll={(e) => {
              if (tab === 'overview' || tab === 'problems') {
                scroll[tab] = e.currentTarget.scrollTop;
                touchScroll();
              }
            }}
          >
            <MismatchContext.Provider value={mismatchContext}>{content}</MismatchContext.Provider>
          </div>
        </section>
        <Splitter layout={split} state={ui.split} container={splitRef} controls="structure-pane" onChange={onSplit} />
        <HexPane
          id="bytes-pane"
          hidden={ui.split.collapsed === 'bytes'}
          model={model}
          generation={doc.generation}
          store={host.bytes}
          selection={ui.selection}
          initialTopRow={scroll.hexTopRow}
          revealSeq={nav.hexReveal}
          goToOpen={goToOpen}
          findOpen={findOpen}
          host={host}
          onFindOpen={setFindOpen}
          detailsBeside={bytesWidth >= gridWidth + HEX_PANE_CHROME + DETAILS_MIN_WIDTH}
          gridWidth={gridWidth}
          littleEndian={ui.littleEndian}
          structureHidden={ui.split.collapsed === 'structure'}
          onToggleStructure={toggleStructure}
          onLittleEndian={onLittleEndian}
          onGridWidth={setGridWidth}
          onGoToOpen={setGoToOpen}
          onSelection={onSelection}
          onSelectSpan={selectSpan}
          onTopRow={onTopRow}
          onCopyHex={copyHex}
          onCopy={copyText}
          onGoToRecord={goToRecord}
          onGoToField={goToField}
        />
      </div>
      <div className="status" role="status" aria-live="polite">
        {status}
      </div>
    </main>
  );
}
