// The webview's mismatch cards (webview/lib/mismatch.ts): found vs expected, what Bun does and the fix for the
// BMES version, the cache version and the source key, with and without the host's checks; the "Checked
// against" lines; and the validation of `checks` and `regenerated` messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBmes, sourceKeyOfFile, sourceKeyOfText, type DecodeOptions } from '../../extension/bmes';
import type { CacheChecks } from '../../extension/protocol';
import { withVersionCheck } from '../../extension/textView/versionMismatch';
import { versionFacts } from '../../extension/textView/versionFacts';
import { expectationsOf } from '../../extension/host/checks';
import { bmesVerdict } from '../../extension/verdict/bmesVerdict';
import { buildViewModel } from '../../extension/viewModel/buildViewModel';
import type { ViewModel } from '../../extension/viewModel/types';
import { parseChecks, parseHostMessage } from '../../webview/lib/hostMessages';
import { worstSeverity } from '../../webview/lib/diagnosticIndex';
import { checkLines, headlines, hex8, mismatchCards } from '../../webview/lib/mismatch';
import { regenerateReasons } from '../../webview/lib/regenerateReasons';

const SAMPLES = join(__dirname, '../../samples');
const read = (name: string) => new Uint8Array(readFileSync(join(SAMPLES, name)));

/** The model as the host builds it: decoded with `options`, with the verdict on what `checks` say was checked. */
function modelOf(name: string, options: DecodeOptions = {}, expectedVersion?: number, checks?: CacheChecks): ViewModel {
  const decoded = decodeBmes(read(name), options);
  const file = expectedVersion === undefined ? decoded : withVersionCheck(decoded, expectedVersion);
  return buildViewModel(file, checks ? bmesVerdict(file, expectationsOf(checks)) : undefined);
}

const CHECKS: CacheChecks = {
  expectedVersion: 3,
  expectedJscVersion: 0xf1f0ed26,
  expectedJscVersionFrom: 'Bun 1.4.5 (1.4.5+a7733435c)',
  jscVersionProblem: null,
  sourcePath: 'src/module.js',
  canRegenerate: true,
  regenerateDisabledReasons: [],
};

test('a cache built by another Bun: found vs expected, where the expectation came from, the consequence', () => {
  const model = modelOf('corrupt-jsc-version-mismatch.bmes', { expectedJscVersion: 0xf1f0ed26 });
  const cards = mismatchCards(model, CHECKS);
  assert.deepEqual(
    cards.map((c) => c.fieldKey),
    ['jsc.cacheVersion'],
  );
  const card = cards[0]!;
  assert.equal(card.found, 'Found cache version 0x188ee0b9 — expected 0xf1f0ed26 (Bun 1.4.5 (1.4.5+a7733435c))');
  assert.equal(card.badge, 'Other Bun');
  assert.equal(card.headline, 'Stale cache: built by another Bun');
  assert.equal(card.severity, 'error');
  assert.match(card.consequence, /^JavaScriptCore rejects this bytecode and compiles the module from source/);
  assert.match(card.about!, /Bun 1\.3\.6/);
  assert.deepEqual(
    headlines(cards).map((c) => c.kind),
    ['jsc'],
  );
  // An older host sends no checks: the expectation comes from the diagnostic.
  assert.equal(mismatchCards(model, null)[0]!.found, 'Found cache version 0x188ee0b9 — expected 0xf1f0ed26 (the version your Bun writes)');
  // No diagnostic, no card: the checks alone do not make one.
  assert.deepEqual(mismatchCards(modelOf('corrupt-jsc-version-mismatch.bmes'), CHECKS), []);
});

test('a cache built from other source: the key length (compact) and the key hash (classic)', () => {
  const compact = modelOf('corrupt-source-mismatch.bmes', { source: sourceKeyOfFile(read('corrupt-source-mismatch.js')) });
  const [card] = mismatchCards(compact, CHECKS);
  assert.equal(card?.fieldKey, 'jsc.sourceLength');
  assert.match(card!.found, /^Found a key for source \d+ code units long — expected \d+, the length of src\/module\.js$/);
  assert.equal(card!.headline, 'Built from other source');
  assert.match(card!.consequence, /other source text/);

  const text = new TextDecoder().decode(read('v3-bun-1.3.6-classic-cjs.js'));
  const edited = text.replace(/[a-z]/, (c) => (c === 'a' ? 'b' : 'a'));
  assert.equal(edited.length, text.length);
  const classic = modelOf('v3-bun-1.3.6-classic-cjs.bmes', { source: sourceKeyOfText(edited) });
  const [hashCard] = mismatchCards(classic, { ...CHECKS, sourcePath: null });
  assert.equal(hashCard?.fieldKey, 'jsc.keyHash');
  assert.match(hashCard!.found, /^Found source hash 0x[0-9a-f]+ — expected 0x[0-9a-f]+, the hash of the source file \(same length, different text\)$/);
  assert.deepEqual(mismatchCards(modelOf('v3-bun-1.3.6-classic-cjs.bmes', { source: sourceKeyOfText(text) }), CHECKS), []);
});

test('the version card: legacy files always, other versions when they differ from the expected one', () => {
  const v1 = mismatchCards(modelOf('v1-small.bmes'), null);
  assert.equal(v1.length, 1);
  assert.equal(v1[0]!.found, 'Found BMES version 1 — expected 3');
  assert.equal(v1[0]!.consequence, versionFacts(1).bunDoes);
  assert.equal(v1[0]!.headline, 'Old BMES version (1)');
  assert.equal(v1[0]!.severity, 'error');

  // Version 2 expected: no mismatch, but the card still says what Bun does with it.
  const v2 = mismatchCards(modelOf('v2-small.bmes'), { ...CHECKS, expectedVersion: 2 })[0]!;
  assert.equal(v2.found, 'Found BMES version 2, as expected');
  assert.equal(v2.consequence, versionFacts(2).bunDoes);

  // The host's version-mismatch diagnostic on a current file when another version is expected.
  const v3 = mismatchCards(modelOf('v3-small.bmes', {}, 2), { ...CHECKS, expectedVersion: 2 });
  assert.deepEqual(
    v3.map((c) => [c.fieldKey, c.badge, c.found]),
    [['version', 'Expected 2', 'Found BMES version 3 — expected 2']],
  );
  assert.deepEqual(mismatchCards(modelOf('v3-small.bmes', {}, 3), CHECKS), []);

  const unknown = mismatchCards(modelOf('corrupt-unknown-version.bmes'), null)[0]!;
  assert.equal(unknown.badge, 'Unknown version');
  assert.match(unknown.consequence, /compiles the module from source/);
});

test('"Checked against" lines: expectations, problems and the missing source file', () => {
  const source = { source: sourceKeyOfFile(read('v3-bun-1.4.4-esm.js')) };
  const model = modelOf('corrupt-jsc-version-mismatch.bmes', { expectedJscVersion: 0xf1f0ed26, ...source }, 3, CHECKS);
  const lines = checkLines(model, CHECKS, mismatchCards(model, CHECKS));
  assert.deepEqual(lines, [
    { label: 'BMES version', text: 'expected 3; this file: 3', state: 'ok', severity: null },
    { label: 'Cache version', text: 'expected 0xf1f0ed26, from Bun 1.4.5 (1.4.5+a7733435c); this file: 0x188ee0b9', state: 'mismatch', severity: 'error' },
    { label: 'Source file', text: 'src/module.js', state: 'ok', severity: null },
  ]);
  const unchecked: CacheChecks = { ...CHECKS, expectedJscVersion: null, expectedJscVersionFrom: null, jscVersionProblem: "Bun not found at 'bun'", sourcePath: null };
  const none = checkLines(modelOf('corrupt-jsc-version-mismatch.bmes', {}, 3, unchecked), unchecked, []);
  assert.deepEqual(none.slice(1), [
    { label: 'Cache version', text: "Not checked: Bun not found at 'bun'", state: 'unchecked', severity: null },
    { label: 'Source file', text: 'none found beside this cache (bmesInspector.sourcePatterns)', state: 'unchecked', severity: null },
  ]);
  // An expectation the file gives nothing to compare with is not checked, here as in the verdict.
  const bare = modelOf('corrupt-bad-magic.bmes', { expectedJscVersion: 0xf1f0ed26, ...source }, 3, CHECKS);
  assert.deepEqual(
    checkLines(bare, CHECKS, mismatchCards(bare, CHECKS)).map((l) => [l.state, l.text]),
    [
      ['unchecked', 'expected 3; this file: not BMES (no "SEMB" magic)'],
      ['unchecked', 'expected 0xf1f0ed26, from Bun 1.4.5 (1.4.5+a7733435c); this file: none (no JavaScriptCore cache to read it from)'],
      ['unchecked', 'src/module.js; not checked: the file has no JavaScriptCore source key to compare'],
    ],
  );
  assert.equal(hex8(0x1f), '0x0000001f');
  // Not BMES at all: the expected version is named as expected, never as the file's.
  const alien = modelOf('corrupt-bad-magic.bmes', {});
  assert.deepEqual(checkLines(alien, CHECKS, mismatchCards(alien, CHECKS))[0], {
    label: 'BMES version',
    text: 'expected 3; this file: not BMES (no "SEMB" magic)',
    state: 'unchecked',
    severity: null,
  });
  const short = modelOf('corrupt-truncated-header.bmes', {});
  assert.equal(checkLines(short, CHECKS, [])[0]!.text, 'expected 3; this file: too short to hold a version');
  assert.equal(checkLines(short, CHECKS, [])[1]!.text, 'expected 0xf1f0ed26, from Bun 1.4.5 (1.4.5+a7733435c); this file: none (no JavaScriptCore cache to read it from)');
});

test('one fault, one severity: a check line has the severity of the diagnostics behind it, as its card and marks do', () => {
  for (const [name, kind, severity] of [
    ['v1-small.bmes', 'BMES version', 'error'],
    ['v2-small.bmes', 'BMES version', 'warning'],
    ['corrupt-jsc-version-mismatch.bmes', 'Cache version', 'error'],
    ['corrupt-source-mismatch.bmes', 'Source file', 'error'],
  ] as const) {
    const options = { expectedJscVersion: name.includes('jsc-version') ? 0xf1f0ed26 : 0x188ee0b9, source: sourceKeyOfFile(read('corrupt-source-mismatch.js')) };
    const jscExpected = { ...CHECKS, expectedJscVersion: options.expectedJscVersion };
    const model = modelOf(
      name,
      name.includes('source') ? { source: options.source } : name.includes('jsc') ? { expectedJscVersion: options.expectedJscVersion } : {},
      3,
      jscExpected,
    );
    const cards = mismatchCards(model, jscExpected);
    const line = checkLines(model, jscExpected, cards).find((l) => l.label === kind)!;
    const behind = model.diagnostics.filter((d) => cards.some((c) => c.diagnostics.includes(d)));
    assert.ok(behind.length > 0, name);
    assert.deepEqual(new Set(behind.map((d) => d.severity)), new Set([severity]), `${name}: the diagnostics behind the line`);
    assert.equal(line.state, 'mismatch', name);
    assert.equal(line.severity, severity, name);
    assert.ok(
      cards.every((c) => c.severity === severity),
      name,
    );
    assert.equal(model.verdict.severity, worstSeverity(model.diagnostics), name);
  }
});

test('checks and regenerated messages are validated; malformed checks are dropped, not the model', () => {
  const model = modelOf('v3-small.bmes');
  assert.deepEqual(parseChecks(CHECKS), CHECKS);
  assert.equal(parseChecks({ ...CHECKS, canRegenerate: 'yes' }), null);
  assert.equal(parseChecks({ ...CHECKS, expectedJscVersion: -1 }), null);
  assert.equal(parseChecks({ ...CHECKS, sourcePath: 3 }), null);
  assert.equal(parseChecks({ ...CHECKS, regenerateDisabledReasons: 'untrusted' }), null);
  assert.equal(parseChecks({ ...CHECKS, regenerateDisabledReasons: ['untrusted', 3] }), null);
  assert.deepEqual(parseChecks({ ...CHECKS, canRegenerate: false, regenerateDisabledReasons: ['a', 'b'] })?.regenerateDisabledReasons, ['a', 'b']);
  const withChecks = parseHostMessage({ type: 'model', generation: 1, fileName: 'x', model, checks: CHECKS });
  assert.ok(withChecks?.type === 'model' && withChecks.checks?.expectedJscVersion === 0xf1f0ed26);
  const bad = parseHostMessage({ type: 'model', generation: 1, fileName: 'x', model, checks: { expectedVersion: 'three' } });
  assert.ok(bad?.type === 'model' && bad.checks === undefined);
  assert.deepEqual(parseHostMessage({ type: 'regenerated', summary: 'Version: 3 (unchanged)', extra: 1 }), { type: 'regenerated', summary: 'Version: 3 (unchanged)' });
  assert.equal(parseHostMessage({ type: 'regenerated', summary: 42 }), null);
  // The split remembered across editors.
  assert.deepEqual(parseHostMessage({ type: 'layout', split: { structure: 0.4, collapsed: 'bytes' }, extra: 1 }), {
    type: 'layout',
    split: { structure: 0.4, collapsed: 'bytes' },
  });
  assert.equal(parseHostMessage({ type: 'layout', split: { structure: 2, collapsed: 'none' } }), null);
  assert.equal(parseHostMessage({ type: 'layout' }), null);
});

test("every reason Regenerate cannot run: the host's, in its order, then a missing source; none when it can", () => {
  assert.deepEqual(regenerateReasons(CHECKS), []);
  const untrusted = 'Nothing is run in an untrusted workspace.';
  const noBun = 'The generator runs Bun, which cannot be used.';
  assert.deepEqual(regenerateReasons({ ...CHECKS, canRegenerate: false, regenerateDisabledReasons: [untrusted] }), [untrusted]);
  const both = regenerateReasons({ ...CHECKS, canRegenerate: false, regenerateDisabledReasons: [untrusted], sourcePath: null });
  assert.equal(both.length, 2);
  assert.equal(both[0], untrusted);
  assert.match(both[1]!, /^No source file found beside this cache/);
  const three = regenerateReasons({
    ...CHECKS,
    canRegenerate: false,
    regenerateDisabledReasons: ['Only a cache stored as a file on disk can be regenerated.', noBun],
    sourcePath: null,
  });
  assert.deepEqual(three.slice(0, 2), ['Only a cache stored as a file on disk can be regenerated.', noBun]);
  assert.equal(three.length, 3);
  // Only the source missing: that one reason.
  assert.equal(regenerateReasons({ ...CHECKS, sourcePath: null }).length, 1);
  // A host that says no without saying why still gets a reason shown.
  assert.deepEqual(regenerateReasons({ ...CHECKS, canRegenerate: false, regenerateDisabledReasons: [] }), ['Regenerating is not available here.']);
});

test("bytes that are no JavaScriptCore cache are not called another Bun's cache", () => {
  for (const name of ['corrupt-jsc-unrecognized-layout.bmes', 'corrupt-metadata-overlaps-bytecode.bmes']) {
    const model = modelOf(name, { expectedJscVersion: 0xf1f0ed26 }, 3, CHECKS);
    const card = mismatchCards(model, CHECKS).find((c) => c.kind === 'jsc');
    if (!card) continue; // this file's first bytes happen to hold no cache version to compare
    assert.equal(card.badge, 'Not bytecode', name);
    assert.equal(card.headline, 'No known Bun wrote these bytes: not a JavaScriptCore cache', name);
    assert.match(card.consequence, /no cache version of a known Bun/, name);
  }
  // A real cache of another Bun keeps its name.
  const stale = mismatchCards(modelOf('corrupt-jsc-version-mismatch.bmes', { expectedJscVersion: 0xf1f0ed26 }, 3, CHECKS), CHECKS).find((c) => c.kind === 'jsc')!;
  assert.equal(stale.headline, 'Stale cache: built by another Bun');
  const seen = ['corrupt-jsc-unrecognized-layout.bmes'].map((n) => mismatchCards(modelOf(n, { expectedJscVersion: 0xf1f0ed26 }, 3, CHECKS), CHECKS).some((c) => c.kind === 'jsc'));
  assert.deepEqual(seen, [true], 'the unrecognised-layout sample has a cache-version card to check');
});
