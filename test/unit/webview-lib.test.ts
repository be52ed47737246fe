// The webview's pure helpers (webview/lib, webview/state.ts): offsets, virtual scrolling, the page cache and byte
// store, the data inspector, table filtering/sorting/copying, diagnostics marks, and message/state validation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBmes, encodeBmes, EMPTY_RECORD } from '../../extension/bmes';
import type { WebviewToHost } from '../../extension/protocol';
import { buildViewModel, formatNumberCell } from '../../extension/viewModel/buildViewModel';
import type { ViewTable } from '../../extension/viewModel/types';
import { cellString } from '../../extension/viewModel/viewTexts';
import { ByteStore, MAX_CACHED_PAGES, PAGE_SIZE } from '../../webview/lib/byteStore';
import { indexDiagnostics, worstSeverity } from '../../webview/lib/diagnosticIndex';
import { fmtInt, fmtSpan, offsetDigits, padOffset, parseOffset } from '../../webview/lib/format';
import { parseHostMessage } from '../../webview/lib/hostMessages';
import { float16, leb128, readingsOf } from '../../webview/lib/inspector';
import { PageCache } from '../../webview/lib/pageCache';
import { regionIndexAt, regionStarts } from '../../webview/lib/regions';
import { RequestTracker } from '../../webview/lib/requests';
import { cellSpan, cellText, filterRows, flagCounts, flagMask, formatRows, gridColumns, rowHaystacks, sortedRows } from '../../webview/lib/tableData';
import { gridTarget, hexCaretTarget } from '../../webview/lib/keys';
import { hexOf, utf8Text, visibleControls } from '../../webview/lib/text';
import { isScaled, MAX_SCROLL_PX, scrollTopFor, topRowAt, topRowToShow, virtualWindow } from '../../webview/lib/virtual';
import { loadPersisted, selectionOfSpan, selectionRange } from '../../webview/state';

const medium = buildViewModel(decodeBmes(new Uint8Array(readFileSync(join(__dirname, '../../samples/v3-medium.bmes')))));
const table = (id: ViewTable['id']) => medium.tables.find((t) => t.id === id)!;

test('offsets parse as decimal or 0x hex, and nothing else', () => {
  assert.equal(parseOffset('4096'), 4096);
  assert.equal(parseOffset(' 0x1000 '), 4096);
  assert.equal(parseOffset('0X1f'), 31);
  assert.equal(parseOffset('4,096'), 4096);
  for (const bad of ['', 'x10', '0x', '-1', '1e3', '12abc', '0x1g', '99999999999999999999']) assert.equal(parseOffset(bad), null, bad);
  assert.equal(offsetDigits(16), 8);
  assert.equal(offsetDigits(2 ** 33), 9);
  assert.equal(padOffset(0x1a0, 8), '000001A0');
  assert.equal(fmtSpan(16, 4), '0x10–0x13 (4 bytes)');
  assert.equal(fmtSpan(16, 1), '0x10 (1 byte)');
});

test('virtual scrolling is exact below the browser limit and scaled, but consistent, above it', () => {
  const w = virtualWindow({ count: 100_000, rowHeight: 22, viewport: 440, scrollTop: 22 * 500, overscan: 2 });
  assert.equal(w.topRow, 500);
  assert.deepEqual([w.start, w.end], [498, 523]);
  assert.equal(w.top(500), 11000);
  assert.equal(w.contentHeight, 2_200_000);

  const rows = Math.ceil((52 * 1024 * 1024) / 16);
  assert.ok(isScaled(rows, 20));
  const vp = 600;
  const end = virtualWindow({ count: rows, rowHeight: 20, viewport: vp, scrollTop: MAX_SCROLL_PX - vp });
  assert.equal(end.contentHeight, MAX_SCROLL_PX);
  assert.equal(end.end, rows);
  // The last row sits at the bottom of the viewport.
  assert.ok(Math.abs(end.top(rows - 1) + 20 - MAX_SCROLL_PX) < 1e-6);
  for (const top of [0, 1, 12_345, rows / 2, rows - vp / 20]) {
    assert.ok(Math.abs(topRowAt(rows, 20, vp, scrollTopFor(rows, 20, vp, top)) - top) < 1e-6, String(top));
  }
  assert.equal(topRowToShow(10, 5, 200, 20), 5);
  assert.equal(topRowToShow(30, 5, 200, 20), 21);
  assert.equal(topRowToShow(2, 5, 200, 20), 2);
  assert.equal(topRowToShow(30, 5, 200, 20, true), 25);
});

test('the page cache keeps the most recently used pages only', () => {
  const cache = new PageCache(3);
  for (let i = 0; i < 3; i++) cache.put(i, new Uint8Array([i]));
  cache.get(0);
  cache.put(3, new Uint8Array([3]));
  assert.equal(cache.size, 3);
  assert.equal(cache.has(1), false);
  assert.ok(cache.has(0) && cache.has(2) && cache.has(3));
});

test('the byte store fetches wanted pages a few at a time, bounds its cache and drops older generations', async () => {
  const sent: WebviewToHost[] = [];
  const tracker = new RequestTracker((m) => sent.push(m));
  const store = new ByteStore(tracker);
  const size = 100 * PAGE_SIZE + 5;
  store.reset(1, size);
  const answer = (m: WebviewToHost, generation = 1) => {
    if (m.type !== 'readBytes') throw new Error(m.type);
    tracker.settle({ type: 'bytes', requestId: m.requestId, generation, offset: m.offset, bytes: new Uint8Array(m.length).fill(m.offset / PAGE_SIZE) });
  };
  store.want(0, 10 * PAGE_SIZE);
  assert.equal(sent.length, 4, 'at most four pages in flight');
  // Scrolling on replaces the wish: the pages scrolled past are never asked for.
  store.want(50 * PAGE_SIZE, 51 * PAGE_SIZE);
  while (sent.length) {
    answer(sent.shift()!);
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(store.peek(50 * PAGE_SIZE + 1, 1)![0], 50);
  assert.equal(store.peek(5 * PAGE_SIZE, 1), null);
  for (let p = 0; p < 101; p += 1) {
    store.want(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
    while (sent.length) {
      answer(sent.shift()!);
      await new Promise((r) => setImmediate(r));
    }
  }
  assert.equal(store.cachedPages, MAX_CACHED_PAGES);
  assert.equal(store.peek(size - 1, 1)![0], 100);
  // A page that spans two cached pages.
  assert.deepEqual([...store.peek(100 * PAGE_SIZE - 2, 4)!], [99, 99, 100, 100]);

  // A new generation: the old pages are gone and late answers for the old one are ignored.
  store.want(0, 1);
  const late = sent.shift()!;
  store.reset(2, size);
  answer(late);
  await new Promise((r) => setImmediate(r));
  assert.equal(store.cachedPages, 0);

  // A failed request is remembered (not retried in a loop) and reported.
  store.want(0, 1);
  const failing = sent.shift() as Extract<WebviewToHost, { type: 'readBytes' }>;
  tracker.settle({ type: 'requestFailed', requestId: failing.requestId, message: 'EACCES' });
  await new Promise((r) => setImmediate(r));
  assert.equal(store.isFailed(0), true);
  assert.equal(store.error, 'EACCES');
  store.want(0, 1);
  assert.equal(sent.length, 0);
});

test('the data inspector reads either byte order, binary, f16 and LEB128 varints; too few bytes read as null', () => {
  const bytes = new Uint8Array([0x53, 0x45, 0x4d, 0x42, 0x00, 0x00, 0x80, 0xbf]);
  const view = new DataView(bytes.buffer);
  const at = (b: Uint8Array, le = true) => Object.fromEntries(readingsOf(b, le).map((x) => [x.label, x.value]));
  const r = at(bytes);
  assert.equal(r['binary'], '01010011');
  assert.equal(r['u8'], '83');
  assert.equal(r['u16'], `${0x4553} (0x4553)`);
  assert.equal(r['u32'], '1112360275 (0x424d4553)');
  assert.equal(r['i64'], view.getBigInt64(0, true).toString());
  assert.equal(r['f64'], String(view.getFloat64(0, true)));
  const big = at(bytes, false);
  assert.equal(big['u16'], `${0x5345} (0x5345)`);
  assert.equal(big['u32'], `${0x53454d42} (0x53454d42)`);
  assert.equal(big['u64'], view.getBigUint64(0, false).toString());
  assert.equal(big['f32'], String(view.getFloat32(0, false)));
  assert.equal(big['u8'], '83');
  const one = at(new Uint8Array([0xff]));
  assert.equal(one['i8'], '-1');
  assert.equal(one['u16'], null);
  assert.equal(one['f16'], null);
  assert.equal(at(new Uint8Array([0, 0, 0x80, 0x3f]))['f32'], '1');
  // f16: 1, -2, the smallest subnormal, infinity, NaN (each checked against its definition, not a table).
  assert.equal(float16(0x3c00), 1);
  assert.equal(float16(0xc000), -2);
  assert.equal(float16(0x0001), 2 ** -24);
  assert.equal(float16(0x7bff), 65504);
  assert.equal(float16(0x7c00), Infinity);
  assert.ok(Number.isNaN(float16(0x7e00)));
  assert.equal(at(new Uint8Array([0x00, 0x3c]))['f16'], '1');
  assert.equal(at(new Uint8Array([0x3c, 0x00]), false)['f16'], '1');
  // LEB128: 624485 is the classic example (E5 8E 26); -123456 is C0 BB 78.
  assert.deepEqual(leb128(new Uint8Array([0xe5, 0x8e, 0x26, 0xff]), false), { value: 624485n, length: 3 });
  assert.deepEqual(leb128(new Uint8Array([0xc0, 0xbb, 0x78]), true), { value: -123456n, length: 3 });
  assert.deepEqual(leb128(new Uint8Array([0x7f]), true), { value: -1n, length: 1 });
  assert.deepEqual(leb128(new Uint8Array([0x7f]), false), { value: 127n, length: 1 });
  assert.equal(leb128(new Uint8Array([0x80, 0x80]), false), null);
  assert.equal(leb128(new Uint8Array(12).fill(0x80), false), null);
  const max = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  assert.deepEqual(leb128(max, false), { value: 2n ** 64n - 1n, length: 10 });
  assert.equal(at(new Uint8Array([0xe5, 0x8e, 0x26]))['ULEB128'], '624485 (3 bytes)');
  assert.equal(at(new Uint8Array([0x80, 0x80]))['ULEB128'], 'no end within 2 bytes');
  assert.equal(utf8Text(new Uint8Array([0x61, 0x0a, 0xff, 0x1b])), 'a\\n\ufffd\\u001b');
  assert.equal(visibleControls('a\u202eb'), 'a\\u202eb');
  assert.equal(hexOf(new Uint8Array([0, 0xab, 0x10])), '00 AB 10');
});

test('tables filter, flag-filter, sort and copy over the view model columns', () => {
  const exports = table('exportEntries');
  const order = sortedRows(exports, null);
  const hay = () => rowHaystacks(exports);
  const filtered = filterRows(exports, order, 'REEXPORTED1', 0, hay);
  assert.ok(filtered.length > 0 && filtered.length < exports.rowCount);
  for (const row of filtered)
    assert.match(
      cellString(
        exports,
        exports.columns.find((c) => c.key === 'exportName')!,
        row,
      ),
      /reexported1/,
    );

  const byName = sortedRows(exports, { column: 'exportName', descending: true });
  const names = [...byName].map((r) =>
    cellString(
      exports,
      exports.columns.find((c) => c.key === 'exportName')!,
      r,
    ),
  );
  assert.deepEqual(names, [...names].sort().reverse());
  const byType = sortedRows(exports, { column: 'type', descending: false });
  // Types sort by name: "indirect" before "local".
  assert.equal(exports.columns[0]!.numbers![byType[0]!], 1);
  assert.equal(exports.columns[0]!.numbers![byType[byType.length - 1]!], 0);

  const declared = table('declaredVariables');
  const counts = flagCounts(declared);
  const mask = flagMask(['exported', 'captured']);
  assert.equal(mask, 0x11);
  const both = filterRows(declared, sortedRows(declared, null), '', mask, () => rowHaystacks(declared));
  const bits = declared.columns.find((c) => c.key === 'bits')!.numbers!;
  assert.equal(both.length, [...bits].filter((b) => (b & 0x11) === 0x11).length);
  assert.equal(counts.get('var'), declared.rowCount);

  const json = JSON.parse(formatRows(declared, [0], 'json')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json), ['index', 'offset', 'length', 'name', 'bits', 'flags']);
  assert.ok(Array.isArray(json['flags']));
  const many = JSON.parse(formatRows(declared, [0, 1, 2], 'json')) as unknown[];
  assert.equal(many.length, 3);
  const text = formatRows(declared, [0, 1], 'text').split('\n');
  assert.equal(text.length, 3);
  assert.equal(text[0], '#\tOffset\tName\tBits\tFlags');
});

test('text copies escape tabs and newlines inside cells', () => {
  const file = decodeBmes(encodeBmes({ ...EMPTY_RECORD, requestedModules: [{ specifier: 'a\tb\nc\\', attributes: null }] }, new Uint8Array(64)));
  const t = buildViewModel(file).tables.find((x) => x.id === 'requestedModules')!;
  assert.equal(formatRows(t, [0], 'text').split('\n')[1], `0\t0x${t.rowOffsets[0]!.toString(16)}\ta\\tb\\nc\\\\\tno\t\t0`);
});

test('diagnostics mark the rows, tables and fields they touch', () => {
  const dup = buildViewModel(decodeBmes(new Uint8Array(readFileSync(join(__dirname, '../../samples/corrupt-duplicate-export.bmes')))));
  const index = indexDiagnostics(dup);
  assert.equal(index.rows.get('exportEntries')!.get(1)![0]!.code, 'duplicate-export');
  assert.equal(index.tables.get('exportEntries')!.length, 1);
  const padding = buildViewModel(decodeBmes(new Uint8Array(readFileSync(join(__dirname, '../../samples/corrupt-nonzero-padding.bmes')))));
  assert.equal(indexDiagnostics(padding).fields.get('padding')![0]!.code, 'nonzero-padding');
  assert.equal(worstSeverity([{ severity: 'info' }, { severity: 'error' }, { severity: 'warning' }]), 'error');
  assert.equal(worstSeverity([]), null);
  const starts = regionStarts(medium.regions);
  const r = regionIndexAt(medium.regions, starts, medium.regions[3]!.offset);
  assert.equal(r, 3);
  assert.equal(regionIndexAt(medium.regions, starts, medium.size), -1);
});

test('messages from the window are checked before use', () => {
  assert.equal(parseHostMessage(null), null);
  assert.equal(parseHostMessage({ type: 'model', generation: 1, fileName: 'x' }), null);
  assert.equal(parseHostMessage({ type: 'reveal', offset: -1, length: 1 }), null);
  assert.equal(parseHostMessage({ type: 'bytes', requestId: 1, generation: 1, offset: 0, bytes: [1, 2] }), null);
  const fromBuffer = parseHostMessage({ type: 'bytes', requestId: 1, generation: 1, offset: 0, bytes: new Uint8Array([1, 2, 3]).buffer });
  assert.ok(fromBuffer?.type === 'bytes' && fromBuffer.bytes instanceof Uint8Array && fromBuffer.bytes.length === 3);
  const model = parseHostMessage({ type: 'model', generation: 1, fileName: 'x', model: medium });
  assert.equal(model?.type, 'model');
  assert.deepEqual(parseHostMessage({ type: 'deleted', extra: 1 }), { type: 'deleted' });
  // The Bytecode tab's answers: a source is text; a listing's every instruction is checked, operands integers.
  assert.deepEqual(parseHostMessage({ type: 'sourceText', requestId: 2, generation: 1, name: 'a.js', text: 'x', extra: 1 }), {
    type: 'sourceText',
    requestId: 2,
    generation: 1,
    name: 'a.js',
    text: 'x',
  });
  assert.equal(parseHostMessage({ type: 'sourceText', requestId: 2, generation: 1, name: 'a.js', text: 7 }), null);
  const enter = { offset: 16, length: 1, opcode: 0, name: 'enter', width: 1, operands: [] };
  const listing = { type: 'disassembly', requestId: 3, generation: 1, instructions: [enter], rest: { offset: 17, length: 3 }, stopped: 'why', table: 'Bun at /b' };
  assert.deepEqual(parseHostMessage(listing), listing);
  assert.equal(parseHostMessage({ ...listing, instructions: [{ ...enter, operands: ['<img>'] }] }), null);
  assert.equal(parseHostMessage({ ...listing, instructions: [{ ...enter, width: 3 }] }), null);
  assert.equal(parseHostMessage({ ...listing, rest: { offset: -1, length: 3 } }), null);
});

test('saved state is read defensively and selections stay inside the file', () => {
  assert.equal(loadPersisted(undefined).ui.tab, 'overview');
  assert.equal(loadPersisted({ v: 2 }).ui.tab, 'overview');
  const s = loadPersisted({
    v: 1,
    ui: { tab: 'exportEntries', tables: { exportEntries: { filter: 'x', flags: ['var', 3], sort: { column: 'type' } }, bogus: {} }, selection: { anchor: 5, caret: 2 } },
    scroll: { tables: { exportEntries: 300 }, hexTopRow: 'no' },
  });
  assert.equal(s.ui.tab, 'exportEntries');
  assert.deepEqual(s.ui.tables.exportEntries, { filter: 'x', flags: ['var'], sort: { column: 'type', descending: false }, activeRow: -1, activeColumn: 0 });
  assert.equal(Object.keys(s.ui.tables).length, 1);
  assert.deepEqual(selectionRange(s.ui.selection!), { start: 2, end: 6 });
  assert.equal(s.scroll.tables.exportEntries, 300);
  assert.equal(s.scroll.hexTopRow, 0);
  assert.deepEqual(selectionOfSpan(10, 0, 100), { anchor: 10, caret: 10 });
  assert.deepEqual(selectionOfSpan(90, 1_000_000, 100), { anchor: 90, caret: 99 });
  assert.deepEqual(selectionOfSpan(500, 4, 100), { anchor: 99, caret: 99 });
  assert.equal(selectionOfSpan(0, 1, 0), null);
  // Every tab the view has is restored, the Bytecode tab and an executable's tables included; it is not a table.
  for (const tab of ['bytecode', 'modules', 'prelinkedModules', 'problems']) assert.equal(loadPersisted({ v: 1, ui: { tab } }).ui.tab, tab);
  assert.deepEqual(Object.keys(loadPersisted({ v: 1, ui: { tab: 'overview', tables: { bytecode: {}, overview: {}, slots: {} } } }).ui.tables), ['slots']);
});

test('keys move the hex caret and the active grid cell within bounds', () => {
  assert.equal(hexCaretTarget('ArrowRight', false, 5, 100, 64), 6);
  assert.equal(hexCaretTarget('ArrowUp', false, 5, 100, 64), 0);
  assert.equal(hexCaretTarget('ArrowDown', false, 90, 100, 64), 99);
  assert.equal(hexCaretTarget('Home', false, 37, 100, 64), 32);
  assert.equal(hexCaretTarget('End', false, 37, 100, 64), 47);
  assert.equal(hexCaretTarget('End', true, 37, 100, 64), 99);
  assert.equal(hexCaretTarget('PageDown', false, 0, 100, 64), 64);
  assert.equal(hexCaretTarget('x', false, 0, 100, 64), null);
  assert.deepEqual(gridTarget('ArrowDown', -1, 0, 10, 4, 5), { pos: 0, column: 0 });
  assert.deepEqual(gridTarget('ArrowDown', 9, 2, 10, 4, 5), { pos: 9, column: 2 });
  assert.deepEqual(gridTarget('PageUp', 3, 2, 10, 4, 5), { pos: 0, column: 2 });
  assert.deepEqual(gridTarget('ArrowRight', 3, 3, 10, 4, 5), { pos: 3, column: 3 });
  assert.deepEqual(gridTarget('ArrowLeft', 3, 0, 10, 4, 5), { pos: 3, column: 0 });
  assert.deepEqual(gridTarget('End', 3, 1, 10, 4, 5), { pos: 9, column: 1 });
  assert.equal(gridTarget('Enter', 3, 1, 10, 4, 5), null);
});

test('table cells: "Has attributes" reads yes/no (an unusual value is shown), offsets in hex; every table leads with Offset', () => {
  assert.equal(formatNumberCell('requestedModules', 'hasAttributes', 0), 'no');
  assert.equal(formatNumberCell('requestedModules', 'hasAttributes', 1), 'yes');
  assert.equal(formatNumberCell('requestedModules', 'hasAttributes', 7), 'yes (7)');
  assert.equal(formatNumberCell('exportEntries', 'offset', 0x55af), '0x55af');
  const file = decodeBmes(encodeBmes({ ...EMPTY_RECORD, requestedModules: [{ specifier: 'a', attributes: null }] }, new Uint8Array(64)));
  const t = buildViewModel(file).tables.find((x) => x.id === 'requestedModules')!;
  const columns = gridColumns(t);
  assert.equal(columns[0]!.key, 'offset');
  assert.deepEqual(cellSpan(columns[0]!, 0), { offset: t.rowOffsets[0], length: t.rowLengths[0] });
  assert.equal(cellText(t, columns[0]!, 0), `0x${t.rowOffsets[0]!.toString(16)}`);
});

test("fmtInt writes a count as toLocaleString('en-US') does, from one formatter", () => {
  const values = [0, 1, 999, 1000, 1234567, 2 ** 32, Number.MAX_SAFE_INTEGER, -1, -12345, 0.5, 1234.5678];
  assert.deepEqual(
    values.map((n) => fmtInt(n)),
    values.map((n) => n.toLocaleString('en-US')),
  );
  assert.equal(fmtInt(1234567), '1,234,567');
});
