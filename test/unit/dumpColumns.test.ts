/**
 * The dump, its JSON and the text view read the record tables' columns, not the object model's records: with
 * every record list's `entries` made to throw, they print exactly what they print over the object model, and
 * the JSON writer prints exactly what `JSON.stringify` prints of `toDump`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBmes, dumpJsonText, encodeBmes, EMPTY_RECORD, MAX_OBJECT_RECORDS, toDump, type BmesFile, type ListName, type RecordList } from '../../extension/bmes';
import { dumpText } from '../../extension/cli/dumpText';
import { dumpHover } from '../../extension/host/dumpHover';
import { hoverAt, renderTextView, withVersionCheck } from '../../extension/textView';
import { REAL } from '../support/bmes';

const ROOT = join(__dirname, '../..');
const SAMPLES = readdirSync(join(ROOT, 'samples')).filter((n) => n.endsWith('.bmes'));
const LISTS: ListName[] = ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables'];

/** The file with each list's records out of reach: reading `entries` throws. Its tables stay. */
function withoutRecords(file: BmesFile): BmesFile {
  const guarded: Partial<Record<ListName, RecordList<unknown> | null>> = {};
  for (const name of LISTS) {
    const list = file[name];
    if (!list) {
      guarded[name] = list;
      continue;
    }
    const copy = { offset: list.offset, length: list.length, count: list.count, complete: list.complete, omitted: list.omitted };
    Object.defineProperty(copy, 'entries', {
      enumerable: false,
      get: () => {
        throw new Error(`${name}: the object model's records were read`);
      },
    });
    guarded[name] = copy as RecordList<unknown>;
  }
  assert.ok(file.tables || LISTS.every((name) => file[name] === null), 'the decoder built the tables');
  return { ...file, ...guarded } as BmesFile;
}

/** Samples, and files whose attributes, strings and damage the samples lack. */
function inputs(): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = SAMPLES.map((n) => [n, new Uint8Array(readFileSync(join(ROOT, 'samples', n)))]);
  const record = {
    ...EMPTY_RECORD,
    requestedModules: [
      { specifier: './a.json', attributes: [{ key: 'type', value: 'json' }] },
      { specifier: 'b', attributes: null },
      { specifier: 'c', attributes: [] },
      {
        specifier: 'd\u202e\u0007',
        attributes: [
          { key: 'k\n', value: '"v"' },
          { key: 'x', value: 'y' },
        ],
      },
    ],
    declaredVariables: [{ name: 'é\u2028', bits: 0x100004 }],
  };
  const rich = encodeBmes(record, REAL.esm());
  out.push(['attributes.bmes', rich]);
  // Every prefix of it: lists cut short, counts past the data.
  for (let n = 0; n < rich.length; n += 7) out.push([`attributes.bmes[0:${n}]`, rich.subarray(0, n)]);
  return out;
}

test('the dump, the JSON and the text view of every sample and prefix never read the object model', () => {
  for (const [name, bytes] of inputs()) {
    const file = withVersionCheck(decodeBmes(bytes), 3);
    const columns = withoutRecords(file);
    assert.equal(dumpText(name, columns, 'ab'), dumpText(name, file, 'ab'), name);
    assert.equal(dumpJsonText(columns, 'cd'), JSON.stringify(toDump(file, 'cd'), null, 2) + '\n', name);
    assert.deepEqual(toDump(columns), toDump(file), name);
    const view = renderTextView(name, columns, null);
    const reference = renderTextView(name, file, null);
    assert.equal(view.text, reference.text, name);
    assert.deepEqual(view.diagnostics, reference.diagnostics, name);
    assert.equal(view.lineCount, reference.lines.length, name);
    for (let line = 0; line < view.lineCount; line++) {
      const at = view.lineAt(line)!;
      const whole = reference.lines[line]!;
      assert.deepEqual(at.target, whole.target, `${name}:${line}`);
      // A record's line gives its span as offset and length; the object model's line gives the record.
      assert.deepEqual(at.span && { offset: at.span.offset, length: at.span.length }, whole.span && { offset: whole.span.offset, length: whole.span.length }, `${name}:${line}`);
      assert.equal(hoverAt(view, columns, line), hoverAt(reference, file, line), `${name}:${line}`);
      const regenerate = { label: 'Regenerate cache', command: 'c', args: [] };
      assert.deepEqual(dumpHover(view, columns, line, {}, regenerate), dumpHover(reference, file, line, {}, regenerate), `${name}:${line}`);
    }
    assert.equal(view.lineAt(view.lineCount), null);
  }
});

test('past the object model’s record limit, the dump shows the records the object model holds', () => {
  const vars = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i % 100}`, bits: 4 }));
  const declared = MAX_OBJECT_RECORDS - 10;
  const file = decodeBmes(encodeBmes({ ...EMPTY_RECORD, declaredVariables: vars(declared, 'd'), lexicalVariables: vars(30, 'l') }, REAL.esm()));
  assert.equal(file.tables!.lexicalVariables!.rowCount, 30, 'the tables hold every record');
  const json = JSON.parse(dumpJsonText(withoutRecords(file))) as { declaredVariables: unknown[]; lexicalVariables: unknown[] };
  assert.equal(json.declaredVariables.length, declared);
  assert.equal(json.lexicalVariables.length, file.lexicalVariables!.entries.length);
  assert.equal(json.lexicalVariables.length, 10);
  const lines = dumpText('big', withoutRecords(file), null).split('\n');
  const title = lines.findIndex((l) => l.startsWith('Lexical variables (let/const) (10) at '));
  assert.ok(title > 0);
  const table = lines.slice(title + 1, lines.indexOf('', title));
  assert.equal(table.length, 1 + 10, 'the headings and rows 0 to 9');
  assert.match(table[10]!, /^ {2}9 +0x[0-9a-f]+ +"l9"/);
});
