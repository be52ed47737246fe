/**
 * The host's pure parts of "Open as Text" and "Regenerate cache": the hover with its one Regenerate link (only
 * on mismatch lines, never injectable from file content), the one-line summary and failure buttons of the
 * notifications, and the TextMate grammar of the text view matching what the dump prints.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBmes, encodeBmes, EMPTY_RECORD, type BmesFile } from '../../extension/bmes';
import { commandLink, dumpHover, lineHasMismatch } from '../../extension/host/dumpHover';
import { compactSummary, failureActions } from '../../extension/host/regenerateReport';
import { summarizeChange, type RegenerateFailure } from '../../extension/regenerate';
import { renderTextView, withVersionCheck, type LineTarget, type TextView } from '../../extension/textView';
import { REAL } from '../support/bmes';

const ROOT = join(__dirname, '../..');
const sample = (name: string) => readFileSync(join(ROOT, 'samples', name));
const checked = (bytes: Uint8Array, expectedJscVersion?: number): BmesFile => {
  const file = decodeBmes(bytes, expectedJscVersion === undefined ? {} : { expectedJscVersion });
  return withVersionCheck(file, 3);
};
const lineOf = (view: TextView, match: (t: LineTarget) => boolean) => view.lines.find((l) => l.target && match(l.target))!.line;
const REGENERATE = { label: 'Regenerate cache', command: 'bmesInspector.regenerateCache', args: ['file:///w/v1.bmes'] };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(text: string): string };
const markdown = new MarkdownIt({ html: true, linkify: true });

test('the version line of a v1 cache: found vs expected, the consequence, and one Regenerate link', () => {
  const file = checked(sample('v1-bun-1.4.4-esm.bmes'));
  const view = renderTextView('v1.bmes', file, null);
  const line = lineOf(view, (t) => t.kind === 'header' && t.field === 'version');
  assert.ok(lineHasMismatch(view, file, line));
  const hover = dumpHover(view, file, line, { expectedVersion: 3 }, REGENERATE)!;
  assert.equal(hover.hasCommandLink, true);
  assert.match(hover.markdown, /\*\*BMES version 1\*\*, expected 3/);
  assert.match(hover.markdown, /legacy\\-version/);
  const links = [...markdown.render(hover.markdown).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(links, [`command:bmesInspector.regenerateCache?${encodeURIComponent(JSON.stringify(['file:///w/v1.bmes']))}`]);
  // Without the command (untrusted workspace), the same explanation and no link.
  const plain = dumpHover(view, file, line, { expectedVersion: 3 }, null)!;
  assert.equal(plain.hasCommandLink, false);
  assert.doesNotMatch(plain.markdown, /command:/);
});

test('the cache version line gets the link only when it mismatches; other lines never', () => {
  const bytes = sample('v3-bun-1.4.4-esm.bmes');
  for (const [expected, link] of [
    [0xf1f0ed26, false],
    [0x188ee0b9, true],
  ] as const) {
    const file = checked(bytes, expected);
    const view = renderTextView('v3.bmes', file, null);
    const line = lineOf(view, (t) => t.kind === 'jsc' && t.field === 'cacheVersion');
    const hover = dumpHover(view, file, line, { expectedJscVersion: expected }, REGENERATE)!;
    assert.equal(hover.hasCommandLink, link, hover.markdown);
    const flags = dumpHover(
      view,
      file,
      lineOf(view, (t) => t.kind === 'codeFeatures'),
      {},
      REGENERATE,
    )!;
    assert.equal(flags.hasCommandLink, false);
  }
  const file = checked(sample('v3-bun-1.4.4-esm.bmes'));
  const view = renderTextView('v3.bmes', file, null);
  assert.equal(dumpHover(view, file, 0, {}, REGENERATE), null, 'the title line has nothing to explain');
});

test('file content cannot add links or commands to a hover, even on a line with the Regenerate link', () => {
  const evil = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> https://evil.example';
  const bytes = encodeBmes({ ...EMPTY_RECORD, requestedModules: [{ specifier: evil, attributes: [] }] }, REAL.esm(), { version: 2 });
  const file = checked(bytes);
  const view = renderTextView(evil, file, null);
  for (const l of view.lines) {
    const hover = dumpHover(view, file, l.line, { bun: { version: evil, revision: evil } }, REGENERATE);
    if (!hover) continue;
    const html = markdown.render(hover.markdown);
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
    assert.ok(
      links.every((href) => href.startsWith('command:bmesInspector.regenerateCache?')),
      `line ${l.line}: ${html}`,
    );
    assert.doesNotMatch(html, /<img/, `line ${l.line}`);
  }
  assert.match(commandLink('[Run] *it*', 'c', []), /^\[\\\[Run\\\] \\\*it\\\*\]\(command:c\?/);
});

test('the notification summary: one line, groups kept together, long ones cut', () => {
  const before = decodeBmes(sample('v2-bun-1.4.4-esm.bmes'));
  const after = decodeBmes(sample('v3-bun-1.4.4-esm.bmes'));
  const text = summarizeChange(before, after).text;
  const line = compactSummary(text);
  assert.doesNotMatch(line, /\n/);
  assert.match(line, /^Version: 2 → 3 · Records: /);
  assert.match(line, /Cache version: 0xf1f0ed26 \(unchanged\)$/);
  assert.equal(compactSummary('Imports:\n  + a\n  + b\nBytecode: 1 bytes'), 'Imports: + a, + b · Bytecode: 1 bytes');
  assert.equal(compactSummary('Created a 10-byte cache, version 3.\nVersion: 3'), 'Created a 10-byte cache, version 3 · Version: 3');
  assert.equal(compactSummary('x'.repeat(1000), 50).length, 50);
});

test('failure buttons: the generator setting for a missing generator, the log for what a generator printed', () => {
  const reasons: RegenerateFailure[] = [
    'invalid-command',
    'source-unreadable',
    'not-started',
    'generator-unavailable',
    'exit',
    'signal',
    'timeout',
    'cancelled',
    'no-output',
    'invalid-output',
    'io',
  ];
  for (const r of reasons) assert.ok(Array.isArray(failureActions(r, true)), r);
  assert.deepEqual(failureActions('generator-unavailable', true), ['openGeneratorSetting', 'showLog']);
  assert.deepEqual(failureActions('not-started', true), ['openBunSetting', 'openGeneratorSetting']);
  assert.deepEqual(failureActions('not-started', false), ['openGeneratorSetting']);
  assert.deepEqual(failureActions('exit', false), ['showLog']);
  assert.deepEqual(failureActions('cancelled', false), []);
});

interface Rule {
  match?: string;
  patterns?: { include: string }[];
}
test('the grammar colours what the dump prints: section titles, offsets, diagnostics, quoted strings', () => {
  const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes/bmes-dump.tmLanguage.json'), 'utf8')) as { scopeName: string; repository: Record<string, Rule> };
  assert.equal(grammar.scopeName, 'text.bmes-dump');
  // These patterns use no Oniguruma-only syntax, so JavaScript's RegExp reads them the same way.
  const re = (name: string) => new RegExp(grammar.repository[name]!.match!);
  const file = checked(sample('v1-small.bmes'));
  const lines = renderTextView('v1-small.bmes', file, 'ab'.repeat(32)).text.split('\n');
  const sections = lines.filter((l) => re('section').test(l));
  for (const title of ['Header', 'Requested modules', 'Import entries', 'Export entries', 'Star exports', 'Layout', 'JavaScriptCore bytecode', 'Diagnostics (']) {
    assert.ok(
      sections.some((l) => l.startsWith(title)),
      title,
    );
  }
  assert.ok(
    sections.every((l) => !l.startsWith(' ')),
    'only unindented lines are titles',
  );
  const diagnostics = lines.filter((l) => re('diagnostic').test(l));
  assert.equal(diagnostics.length, file.diagnostics.length);
  const m = re('diagnostic').exec(diagnostics.find((l) => l.includes('legacy-version'))!)!;
  assert.deepEqual([m[1], m[2], m[5]], ['0x4', 'error', 'legacy-version']);
  assert.ok(
    lines.some((l) => (l.match(new RegExp(grammar.repository['string']!.match!, 'g')) ?? []).length >= 2),
    'quoted strings',
  );
  assert.ok(
    lines.some((l) => /^\s+0x[0-9a-f]+\s/.test(l) && re('offset').test(l)),
    'offsets',
  );
  assert.ok(re('verdict').test(lines[1]!));
});
