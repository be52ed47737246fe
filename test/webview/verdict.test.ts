// The verdict, the colours and the Problems tab tell one story, in the real webview behind the stand-in host: the
// verdict's colour is the worst diagnostic's (amber with warnings, red with errors), it names what was not checked
// and says "No problems" only when everything was; a fault has the same colour in the verdict, the "Checked
// against" line, the field mark and the Problems tab; the tab lists errors, then warnings, then notes, with counts.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Frame } from 'playwright-core';
import { decodeBmes, EMPTY_RECORD, encodeBmes } from '../../extension/bmes';
import type { CacheChecks } from '../../extension/protocol';
import { NO_EXPECTATIONS } from '../../extension/verdict/bmesVerdict';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { memorySource } from '../../extension/artifact/rangeReader';
import { modelOfArtifact } from '../../extension/host/artifactModel';
import { bySeverity } from '../../extension/verdict/verdict';
import { launch, newContext, openFile, type Harness } from './browser';
import { scratchDir } from '../support/scratch';
import { hostChecks } from '../support/checks';

const SAMPLES = join(__dirname, '../../samples');
const PAYLOAD = new Uint8Array(readFileSync(join(__dirname, '../fixtures/jsc/bun-1.4.4-esm/module.bytecode')));
const MIXED = 'mixed-severities.bmes';
const NAMES = readdirSync(SAMPLES).filter((f) => f.endsWith('.bmes'));

let harness: Harness;
let context: BrowserContext;
let mixed: Uint8Array;

before(async () => {
  harness = await launch();
  for (const name of NAMES) harness.server.addFile(name, join(SAMPLES, name));
  for (const js of ['v3-bun-1.4.4-esm.js', 'corrupt-source-mismatch.js']) harness.server.addFile(js, join(SAMPLES, js));
  // A note at the lowest offset, an error after it, a warning last: offset order is not severity order.
  const record = {
    ...EMPTY_RECORD,
    requestedModules: [
      { specifier: 'a', attributes: [] },
      { specifier: 'b', attributes: null },
    ],
    importEntries: [{ type: 7, moduleRequest: 'b', importName: 'x', localName: 'x' }],
    lexicalVariables: [{ name: 'x', bits: 0x22 }],
  };
  const bytes = encodeBmes(record, PAYLOAD);
  mixed = new Uint8Array(bytes.length + 8);
  mixed.set(bytes);
  const dir = scratchDir('bmes-verdict-');
  writeFileSync(join(dir, MIXED), mixed);
  harness.server.addFile(MIXED, join(dir, MIXED));
  context = await newContext(harness);
});
after(async () => {
  await context?.close();
  await harness?.close();
});

/** The checks of a host that found Bun 1.4.5 but no source file. */
const CHECKS_NO_SOURCE: CacheChecks = hostChecks();

const colorOf = (frame: Frame, selector: string) =>
  frame
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).color);

test('on every sample the verdict has the colour of the worst diagnostic, the same as in the Problems tab', async () => {
  for (const name of NAMES) {
    // Recognised by content, as the host does: a sample may be a bare JavaScriptCore payload, not BMES.
    const bytes = new Uint8Array(readFileSync(join(SAMPLES, name)));
    const expected = modelOfArtifact((await decodeArtifactFrom(memorySource(bytes))).artifact, null, NO_EXPECTATIONS).model.verdict;
    const o = await openFile(harness, name, { context });
    try {
      const verdict = o.frame.locator('.verdict');
      assert.equal(await verdict.getAttribute('data-tone'), expected.tone, name);
      assert.equal(await verdict.locator('.verdict-status').textContent(), expected.status, name);
      // No host checks: the cache version and the source were not checked, so nothing is green.
      assert.notEqual(expected.tone, 'pass', name);
      assert.match(expected.status, /cache version not checked: /, name);
      if (expected.severity === 'error' || expected.severity === 'warning') {
        const verdictColor = await colorOf(o.frame, '.verdict > .codicon');
        await o.frame.click('#tab-problems');
        assert.equal(await colorOf(o.frame, `.problems tr.problem .codicon.sev-${expected.severity}`), verdictColor, `${name}: verdict and Problems tab`);
      }
    } finally {
      await o.close();
    }
  }
});

test('green "No problems" only when nothing is wrong and everything was checked; amber with warnings', async () => {
  const checks: CacheChecks = hostChecks({ sourcePath: 'v3-bun-1.4.4-esm.js' });
  const host = { checks, expectedJscVersion: 0xf1f0ed26, source: 'v3-bun-1.4.4-esm.js', expectedVersion: 3 };
  const all = await openFile(harness, 'v3-bun-1.4.4-esm.bmes', { context, host });
  try {
    assert.equal(await all.frame.getAttribute('.verdict', 'data-tone'), 'pass');
    assert.match((await all.frame.textContent('.verdict-status')) ?? '', /^No problems: the file is exactly what Bun's writer produces/);
  } finally {
    await all.close();
  }
  // The same file when no Bun was found: not green, and the verdict says what it could not check.
  const noBun = { ...host, checks: { ...checks, expectedJscVersion: null, expectedJscVersionFrom: null, jscVersionProblem: "Bun not found at 'bun'" } };
  delete (noBun as { expectedJscVersion?: number }).expectedJscVersion;
  const unchecked = await openFile(harness, 'v3-bun-1.4.4-esm.bmes', { context, host: noBun });
  try {
    assert.equal(await unchecked.frame.getAttribute('.verdict', 'data-tone'), 'unchecked');
    assert.equal(await unchecked.frame.textContent('.verdict-status'), "No errors or warnings; cache version not checked: Bun not found at 'bun'.");
    const line = unchecked.frame.locator('.check[data-check="Cache version"]');
    assert.match((await line.getAttribute('class')) ?? '', /check-unchecked/);
  } finally {
    await unchecked.close();
  }
  // Warnings only: amber, whatever the loader does with the file.
  const warned = await openFile(harness, 'corrupt-trailing-bytes.bmes', { context, host });
  try {
    assert.equal(await warned.frame.getAttribute('.verdict', 'data-tone'), 'warning');
    assert.match((await warned.frame.textContent('.verdict strong')) ?? '', /^Bun will use the bytecode/);
  } finally {
    await warned.close();
  }
});

test('one fault, one colour: a v1 file is red in the verdict, the "Checked against" line, the field mark and the Problems tab', async () => {
  const checks: CacheChecks = {
    expectedVersion: 3,
    expectedJscVersion: null,
    expectedJscVersionFrom: null,
    jscVersionProblem: "Bun not found at 'bun'",
    sourcePath: null,
    canRegenerate: true,
    regenerateDisabledReasons: [],
  };
  const o = await openFile(harness, 'v1-small.bmes', { context, host: { checks, expectedVersion: 3 } });
  try {
    const red = await colorOf(o.frame, '.verdict > .codicon');
    assert.equal(await o.frame.getAttribute('.verdict', 'data-tone'), 'error');
    assert.equal(await colorOf(o.frame, '.check[data-check="BMES version"] .codicon'), red, '"Checked against"');
    assert.equal(await colorOf(o.frame, 'tr[data-field="version"] .mark'), red, 'the field mark');
    await o.frame.click('#tab-problems');
    // One fault, one diagnostic: the decoder's legacy-version, and no second version-mismatch from the host.
    const versionRows = o.frame.locator('.problems tr.problem').filter({ hasText: /legacy-version|version-mismatch/ });
    assert.equal(await versionRows.count(), 1);
    assert.equal(await o.frame.locator('.problems tr.problem').filter({ hasText: 'version-mismatch' }).count(), 0);
    assert.match((await o.frame.textContent('.verdict')) ?? '', /\b1 error\b/);
    for (let i = 0; i < 1; i++)
      assert.equal(
        await versionRows
          .nth(i)
          .locator('.codicon')
          .first()
          .evaluate((el) => getComputedStyle(el).color),
        red,
      );
  } finally {
    await o.close();
  }
  // A source mismatch: its verdict is red like its problem (it was amber over a red problem).
  const source = await openFile(harness, 'corrupt-source-mismatch.bmes', {
    context,
    host: { checks: { ...checks, sourcePath: 'corrupt-source-mismatch.js' }, source: 'corrupt-source-mismatch.js', expectedVersion: 3 },
  });
  try {
    assert.equal(await source.frame.getAttribute('.verdict', 'data-tone'), 'error');
    assert.match((await source.frame.textContent('.verdict strong')) ?? '', /^Module record only/);
    const red = await colorOf(source.frame, '.verdict > .codicon');
    assert.equal(await colorOf(source.frame, '.check[data-check="Source file"] .codicon'), red, '"Checked against"');
    await source.frame.click('#tab-problems');
    assert.equal(await colorOf(source.frame, '.problems tr.problem:has-text("source-mismatch") .codicon'), red);
  } finally {
    await source.close();
  }
});

test('the Problems tab: errors, then warnings, then notes, each in offset order, with counts; entries still select their own bytes', async () => {
  const file = decodeBmes(mixed);
  assert.deepEqual(
    file.diagnostics.map((d) => d.severity),
    ['info', 'error', 'warning'],
  );
  const o = await openFile(harness, MIXED, { context });
  try {
    await o.frame.click('#tab-problems');
    const rows = o.frame.locator('.problems tr.problem');
    assert.deepEqual(
      await rows.locator('td:nth-child(2)').allTextContents(),
      bySeverity(file.diagnostics).map((d) => d.code),
    );
    assert.deepEqual(await o.frame.locator('.problems tr.problem-group').allTextContents(), [' Error (1)', ' Warning (1)', ' Note (1)']);
    assert.equal(await o.frame.textContent('.problem-counts'), '1 error, 1 warning, 1 note');
    // Activating the last row (the note) selects the note's bytes, not the third diagnostic in offset order.
    await rows.nth(2).click();
    const note = file.diagnostics[0]!;
    assert.equal(await o.frame.getAttribute(`.hex [data-offset="${note.offset}"]`, 'aria-selected'), 'true');
    await o.frame.click('#tab-problems');
    await rows.nth(0).focus();
    await o.page.keyboard.press('ArrowDown');
    await o.page.keyboard.press('Enter');
    const warning = file.diagnostics[2]!;
    assert.equal(await o.frame.getAttribute(`.hex [data-offset="${warning.offset}"]`, 'aria-selected'), 'true');
  } finally {
    await o.close();
  }
});

test("the verdict's status line reads as text when it wraps: every line starts at its left edge, none centred as a button's label", async () => {
  const o = await openFile(harness, 'corrupt-bad-magic.bmes', {
    context: await newContext(harness, 1000, 650),
    host: { checks: CHECKS_NO_SOURCE, expectedJscVersion: 0xf1f0ed26, expectedVersion: 3 },
  });
  try {
    const lines = await o.frame.locator('.verdict-status button.link').evaluate((button) => {
      const range = document.createRange();
      range.selectNodeContents(button);
      const left = button.getBoundingClientRect().left;
      // One rect per line box (merged by their top).
      const byTop = new Map<number, number>();
      for (const r of range.getClientRects()) byTop.set(Math.round(r.top), Math.min(byTop.get(Math.round(r.top)) ?? Infinity, r.left));
      return [...byTop.values()].map((l) => Math.round(l - left));
    });
    assert.ok(lines.length >= 2, `the status line should wrap at 1000×650 (${lines.length} line)`);
    assert.deepEqual(
      lines,
      lines.map(() => 0),
    );
  } finally {
    await o.context.close();
  }
});
