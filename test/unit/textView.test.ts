import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBmes, encodeBmes, EMPTY_RECORD, type BmesFile } from '../../extension/bmes';
import { dumpText } from '../../extension/cli/dumpText';
import {
  escapeMarkdown,
  explainCacheVersion,
  explainDiagnostic,
  explainFlags,
  explainVersion,
  hoverAt,
  renderTextView,
  versionMismatchDiagnostic,
  withVersionCheck,
  type LineTarget,
  type TextView,
} from '../../extension/textView';
import { REAL } from '../support/bmes';

const ROOT = join(__dirname, '../..');
const SAMPLES = readdirSync(join(ROOT, 'samples')).filter((n) => n.endsWith('.bmes'));
const load = (name: string) => decodeBmes(readFileSync(join(ROOT, 'samples', name)));

function lineOf(view: TextView, match: (t: LineTarget) => boolean): number {
  const found = view.lines.find((l) => l.target && match(l.target));
  assert.ok(found, 'no such line');
  return found.line;
}
const textAt = (view: TextView, line: number) => view.text.split('\n')[line]!;

// markdown-it (already installed, through @vscode/vsce) renders hovers here the way a Markdown viewer would,
// with HTML and link detection on: the strictest setting.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(text: string): string };
const markdown = new MarkdownIt({ html: true, linkify: true });

test('the text view is the bmes dump text, with one line-map entry per line, for every sample', () => {
  for (const name of SAMPLES) {
    const file = load(name);
    const view = renderTextView(name, file, 'abc');
    assert.equal(view.text, dumpText(name, file, 'abc'));
    const texts = view.text.split('\n');
    assert.equal(texts.pop(), '', 'ends with a newline');
    assert.equal(view.lines.length, texts.length, name);
    view.lines.forEach((l, i) => {
      assert.equal(l.line, i);
      if (texts[i] === '') assert.equal(l.target, null);
      if (l.span) assert.ok(l.span.offset >= 0 && l.span.length >= 0, `${name}:${i}`);
    });
    assert.equal(view.diagnostics.length, file.diagnostics.length);
    view.diagnostics.forEach((p, i) => {
      assert.deepEqual(view.lines[p.listed.line]!.target, { kind: 'diagnostic', index: i });
      for (const r of [p.primary, p.listed]) assert.ok(r.start <= r.end && r.end === texts[r.line]!.length, `${name}: diagnostic ${i}`);
    });
  }
});

test('the line map names the structure and bytes of each line', () => {
  const file = load('v3-bun-1.4.4-esm.bmes');
  const view = renderTextView('v3.bmes', file, null);
  const span = (line: number) => view.lines[line]!.span;

  const version = lineOf(view, (t) => t.kind === 'header' && t.field === 'version');
  assert.match(textAt(view, version), /^ {2}0x4 +4 +version +3: version 3 \(current\)$/);
  assert.deepEqual(span(version), file.header.version);
  assert.deepEqual(span(lineOf(view, (t) => t.kind === 'header' && t.field === 'bytecodeSize')), { offset: 12, length: 4, value: 2216 });

  const imports = lineOf(view, (t) => t.kind === 'list' && t.list === 'importEntries');
  assert.equal(textAt(view, imports), 'Import entries (2) at 0x20');
  assert.deepEqual(span(imports), file.importEntries);
  const basename = lineOf(view, (t) => t.kind === 'row' && t.list === 'importEntries' && t.row === 1);
  assert.match(textAt(view, basename), /"basename"/);
  assert.deepEqual(span(basename), file.importEntries!.entries[1]);

  const entryName = lineOf(view, (t) => t.kind === 'row' && t.list === 'declaredVariables' && t.row === 7);
  assert.match(textAt(view, entryName), /"entryName" +0x0014 +var exported$/);
  assert.equal(span(entryName)!.offset, 0x111);

  assert.deepEqual(span(lineOf(view, (t) => t.kind === 'codeFeatures')), file.codeFeatures);
  assert.deepEqual(span(lineOf(view, (t) => t.kind === 'layout' && t.region === 'bytecode')), { offset: 0x158, length: 2216, source: 'header' });
  const cacheVersion = lineOf(view, (t) => t.kind === 'jsc' && t.field === 'cacheVersion');
  assert.match(textAt(view, cacheVersion), /cacheVersion +0x158 +0xf1f0ed26$/);
  assert.deepEqual(span(cacheVersion), file.jsc!.cacheVersion);
  assert.deepEqual(span(lineOf(view, (t) => t.kind === 'jsc' && t.field === 'sourceLength')), { offset: 0x170, length: 4, value: 901 });
});

test('each diagnostic is placed on the line of the structure it concerns', () => {
  const cases: [string, string, (t: LineTarget) => boolean][] = [
    ['corrupt-bad-magic.bmes', 'bad-magic', (t) => t.kind === 'header' && t.field === 'magic'],
    ['corrupt-legacy-version.bmes', 'legacy-version', (t) => t.kind === 'header' && t.field === 'version'],
    ['corrupt-unknown-import-type.bmes', 'unknown-import-type', (t) => t.kind === 'row' && t.list === 'importEntries'],
    ['corrupt-unused-field-set.bmes', 'unused-field-set', (t) => t.kind === 'row' && t.list === 'exportEntries'],
    ['corrupt-count-exceeds-data.bmes', 'count-exceeds-data', (t) => t.kind === 'list' && t.list === 'exportEntries'],
    ['corrupt-trailing-bytes.bmes', 'trailing-bytes', (t) => t.kind === 'layout' && t.region === 'trailing'],
    ['corrupt-nonzero-padding.bmes', 'nonzero-padding', (t) => t.kind === 'layout' && t.region === 'padding'],
    ['corrupt-jsc-size-mismatch.bmes', 'jsc-size-mismatch', (t) => t.kind === 'jsc' && t.field === 'payloadSize'],
    ['corrupt-unknown-code-features.bmes', 'unknown-code-features', (t) => t.kind === 'codeFeatures'],
  ];
  for (const [name, code, where] of cases) {
    const file = load(name);
    const view = renderTextView(name, file, null);
    const index = file.diagnostics.findIndex((d) => d.code === code);
    assert.ok(index >= 0, `${name} has ${code}`);
    const placed = view.diagnostics[index]!;
    const target = view.lines[placed.primary.line]!.target!;
    assert.ok(where(target), `${name}: ${code} placed on ${JSON.stringify(target)}`);
    const text = textAt(view, placed.primary.line);
    assert.equal(placed.primary.start, text.length - text.trimStart().length, 'from the first non-blank character');
    assert.match(textAt(view, placed.listed.line), new RegExp(` ${code}: `));
  }
  // With the expected cache version given, the mismatch sits on the cacheVersion line.
  const file = decodeBmes(readFileSync(join(ROOT, 'samples/v3-bun-1.4.4-esm.bmes')), { expectedJscVersion: 0x188ee0b9 });
  const view = renderTextView('x', file, null);
  assert.deepEqual(view.lines[view.diagnostics[0]!.primary.line]!.target, { kind: 'jsc', field: 'cacheVersion' });
});

test('hovers explain the version field: what it means, what Bun does, mismatch and fix', () => {
  assert.match(explainVersion(3), /^\*\*BMES version 3\*\*, as expected/);
  assert.doesNotMatch(explainVersion(3), /Fix/);
  const v2 = explainVersion(2);
  assert.match(v2, /expected 3/);
  assert.match(v2, /half the benefit/);
  assert.match(v2, /Regenerate cache/);
  assert.match(explainVersion(1), /no benefit at all/);
  assert.match(explainVersion(9), /No public Bun writes version 9/);
  assert.match(explainVersion(3, 2), /published reader takes version 3 fully/);

  const file = load('v2-bun-1.4.4-esm.bmes');
  const view = renderTextView('v2', file, null);
  const hover = hoverAt(
    view,
    file,
    lineOf(view, (t) => t.kind === 'header' && t.field === 'version'),
  )!;
  assert.match(hover, /BMES version 2\*\*, expected 3/);
  // The decoder's legacy-version diagnostic is on that line too, in full.
  assert.match(hover, /legacy\\-version/);
});

test('hovers explain the cache version: found vs expected and the consequence', () => {
  const bun = { version: '1.4.5', revision: '1.4.5+a7733435c' };
  assert.match(explainCacheVersion(0xf1f0ed26, 0xf1f0ed26, bun), /Matches 0xf1f0ed26, the cache version your Bun 1\\\.4\\\.5 \(1\\\.4\\\.5\\\+a7733435c\) writes/);
  assert.match(explainCacheVersion(0xf1f0ed26), /Seen in bytecode written by Bun 1\.4\.4 and 1\.4\.5/);
  assert.match(explainCacheVersion(0xf1f0ed26, null), /not known/);
  const stale = explainCacheVersion(0x188ee0b9, 0xf1f0ed26, bun);
  assert.match(stale, /Expected 0xf1f0ed26/);
  assert.match(stale, /rejects this bytecode and compiles the module from source/);
  assert.match(stale, /Regenerate cache/);
  assert.match(stale, /Bun 1\.3\.6/);

  const file = load('v3-bun-1.4.4-esm.bmes');
  const view = renderTextView('v3', file, null);
  const line = lineOf(view, (t) => t.kind === 'jsc' && t.field === 'cacheVersion');
  assert.match(hoverAt(view, file, line, { expectedJscVersion: 0x188ee0b9 })!, /Expected 0x188ee0b9/);
});

test('hovers name and explain every set flag bit, unknown ones included', () => {
  const captured = explainFlags('variable', 0x85);
  assert.deepEqual(
    captured.split('\n').filter((l) => l.startsWith('- ')),
    ['- bit 0: `captured` — captured (closed over)', '- bit 2: `var`', '- bit 7: `function`'],
  );
  assert.match(explainFlags('variable', 0x100000), /bit 20: unknown; a real JavaScriptCore never sets bits 16–31/);
  assert.match(explainFlags('variable', 0x4000), /bit 14: `functionDeclaration` — .*drops it/);
  assert.match(explainFlags('codeFeatures', 0), /No bits set/);
  assert.match(explainFlags('codeFeatures', 0x4000), /bit 14: unknown; Bun's JavaScriptCore has 14 code features/);

  const file = load('v3-bun-1.4.4-esm.bmes');
  const view = renderTextView('v3', file, null);
  const features = hoverAt(
    view,
    file,
    lineOf(view, (t) => t.kind === 'codeFeatures'),
  )!;
  assert.match(features, /^\*\*Code features 0x0048\*\*/);
  assert.match(features, /bit 3: `this`/);
  assert.match(features, /bit 6: `arrowFunction`$/m, 'no description that only repeats the name');
  const row = hoverAt(
    view,
    file,
    lineOf(view, (t) => t.kind === 'row' && t.list === 'lexicalVariables' && t.row === 2),
  )!;
  assert.match(row, /Variable bits 0x0009/);
  // Lines with nothing to explain have no hover.
  assert.equal(
    hoverAt(
      view,
      file,
      lineOf(view, (t) => t.kind === 'row' && t.list === 'importEntries'),
    ),
    null,
  );
  assert.equal(hoverAt(view, file, 3), null);
});

test('every line a diagnostic touches explains it in full', () => {
  const file = load('corrupt-unknown-variable-bits.bmes');
  const view = renderTextView('x', file, null);
  for (const [i, d] of file.diagnostics.entries()) {
    const full = explainDiagnostic(d);
    assert.ok(hoverAt(view, file, view.diagnostics[i]!.primary.line)!.includes(full));
    assert.equal(hoverAt(view, file, view.diagnostics[i]!.listed.line), full);
  }
  assert.match(explainDiagnostic(file.diagnostics[0]!), /^\*\*warning\*\* unknown\\-variable\\-bits at 0xa3, 4 bytes\n\n/);
});

/** A file whose strings try to be Markdown, HTML, links and commands. */
function hostileFile(): BmesFile {
  const evil = ['<img src=x onerror=alert(1)>', '[x](command:foo)', '`code` *bold* _em_ https://example.com www.example.com &amp; \\', 'line\nbreak # heading'];
  return decodeBmes(
    encodeBmes(
      {
        ...EMPTY_RECORD,
        requestedModules: [{ specifier: evil[0]!, attributes: [] }],
        importEntries: [{ type: 0, moduleRequest: evil[1]!, importName: evil[2]!, localName: evil[3]! }],
        lexicalVariables: [{ name: evil[3]!, bits: 0x22 }],
      },
      REAL.esm(),
    ),
  );
}

test('file-derived strings are escaped in every hover: no HTML, links, commands or emphasis', () => {
  for (const text of ['<img src=x onerror=alert(1)>', '[x](command:foo)', '**b** `c` https://x.org www.x.org &lt; \\[']) {
    const html = markdown.render(escapeMarkdown(text));
    assert.doesNotMatch(html, /<img|<a |<strong|<code|<em/, html);
    assert.ok(html.includes(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')), `shown as text: ${html}`);
  }
  assert.equal(escapeMarkdown('a\nb'), 'a\\\\u000ab', 'line breaks are shown, so no string starts a block');
  assert.equal(escapeMarkdown('x'.repeat(400)).length, 301);

  const file = hostileFile();
  const codes = file.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('attributes-lost') && codes.includes('dangling-module-request'), codes.join());
  const view = renderTextView('<b>name</b>', file, null);
  for (const line of view.lines) {
    const hover = hoverAt(view, file, line.line, { bun: { version: '<script>', revision: '[r](command:x)' }, expectedJscVersion: 1 });
    if (!hover) continue;
    const html = markdown.render(hover);
    assert.doesNotMatch(html, /<img|<a |<script|<h\d/, `line ${line.line}: ${html}`);
  }
});

test('version-mismatch: only where the decoder said nothing about the version; one fault, one diagnostic', () => {
  assert.equal(versionMismatchDiagnostic(load('v3-tiny.bmes')), null);
  // A current file where another version is configured: the host's own warning, on the version field.
  const v3 = versionMismatchDiagnostic(load('v3-tiny.bmes'), 2)!;
  assert.deepEqual({ ...v3, message: '' }, { code: 'version-mismatch', severity: 'warning', offset: 4, length: 4, message: '' });
  assert.match(v3.message, /^The BMES version is 3: expected 2\. Bun takes the module record .* Regenerate the cache .* to write version 2\.$/);
  // The decoder already reports versions 1, 2 and unknown ones: no second diagnostic for the same fault.
  for (const name of ['v1-small.bmes', 'v2-small.bmes', 'corrupt-unknown-version.bmes', 'corrupt-legacy-version.bmes']) {
    assert.equal(versionMismatchDiagnostic(load(name)), null, name);
    assert.equal(versionMismatchDiagnostic(load(name), 2), null, name);
  }
  assert.equal(versionMismatchDiagnostic(load('v2-small.bmes'), 2), null);
  assert.equal(versionMismatchDiagnostic(load('corrupt-bad-magic.bmes')), null, 'no version to compare');
  assert.equal(versionMismatchDiagnostic(load('corrupt-truncated-header.bmes')), null);

  // withVersionCheck: exactly one diagnostic on the version field, with the decoder's severity.
  const onVersion = (file: BmesFile) => file.diagnostics.filter((d) => d.offset === 4).map((d) => `${d.code}:${d.severity}`);
  assert.deepEqual(onVersion(withVersionCheck(load('v1-small.bmes'), 3)), ['legacy-version:error']);
  assert.deepEqual(onVersion(withVersionCheck(load('v2-small.bmes'), 3)), ['legacy-version:warning']);
  assert.deepEqual(onVersion(withVersionCheck(load('corrupt-unknown-version.bmes'), 3)), ['unknown-version:error']);
  assert.deepEqual(onVersion(withVersionCheck(load('v3-tiny.bmes'), 3)), []);
  assert.deepEqual(onVersion(withVersionCheck(load('v3-tiny.bmes'), 2)), ['version-mismatch:warning']);
  // Expected 3 (the decoder's own expectation): the decoder's diagnostic unchanged.
  const v1 = load('v1-small.bmes');
  assert.equal(withVersionCheck(v1, 3), v1);
  // Another version configured: merged into the decoder's diagnostic, which then names it.
  const merged = withVersionCheck(v1, 2).diagnostics.find((d) => d.code === 'legacy-version')!;
  assert.match(merged.message, /^Expected version 3, found version 1.* This workspace expects version 2 \(bmesInspector\.expectedVersion\)\.$/);
  assert.equal(withVersionCheck(v1, 2).diagnostics.length, v1.diagnostics.length);
  // Version 2 where version 2 is expected: the decoder's warning (half the benefit) stays as it is.
  const v2 = load('v2-small.bmes');
  assert.equal(withVersionCheck(v2, 2), v2);

  // Merged into the file, it is listed in offset order and placed on the version line.
  const file = withVersionCheck(load('v3-bun-1.4.4-esm.bmes'), 2);
  assert.deepEqual(
    file.diagnostics.map((d) => d.code),
    ['version-mismatch', ...load('v3-bun-1.4.4-esm.bmes').diagnostics.map((d) => d.code)],
  );
  const view = renderTextView('v3', file, null);
  assert.deepEqual(view.lines[view.diagnostics[0]!.primary.line]!.target, { kind: 'header', field: 'version' });
  assert.match(view.text, /^ {2}0x4 warning version-mismatch: The BMES version is 3/m);
});

// How fast is `npm run bench`'s business (benchTextView): no clock here.
test('a file with many records and diagnostics renders every record and places every diagnostic', () => {
  const variables = Array.from({ length: 100_000 }, (_, i) => ({ name: `v${i}`, bits: i % 3 === 0 ? 0x100004 : 0x4 }));
  const file = decodeBmes(encodeBmes({ ...EMPTY_RECORD, declaredVariables: variables }, REAL.esm()));
  const view = renderTextView('big', file, null);
  assert.ok(file.diagnostics.length > 500);
  assert.equal(view.diagnostics.length, file.diagnostics.length);
  assert.equal(view.lines.filter((l) => l.target?.kind === 'row' && l.target.list === 'declaredVariables').length, 100_000);
  const first = view.diagnostics[0]!;
  assert.deepEqual(view.lines[first.primary.line]!.target, { kind: 'row', list: 'declaredVariables', row: 0 });
});
