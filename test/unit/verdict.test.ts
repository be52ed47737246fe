/**
 * Verdicts: what Bun's loader does with a file over every loader fate × bytecode accepted or rejected × metadata
 * readable or not (through the public decoder), and the file verdict built from it: coloured by every diagnostic,
 * naming every check it could not make, "No problems" only when everything was checked.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EMPTY_RECORD, decodeBmes, encodeBmes, sourceKeyOfFile, type DecodeOptions } from '../../extension/bmes';
import { bmesChecks, bmesVerdict, NO_EXPECTATIONS, type BmesExpectations } from '../../extension/verdict/bmesVerdict';
import { buildVerdict, bySeverity, countsText, worstSeverity, type VerdictCheck } from '../../extension/verdict/verdict';
import { REAL, withU32 } from '../support/bmes';

const SAMPLES = join(__dirname, '../../samples');
const sample = (name: string) => new Uint8Array(readFileSync(join(SAMPLES, name)));
const ESM = REAL.esm;
const wrap = (version: 1 | 2 | 3, payload = ESM()) => encodeBmes(EMPTY_RECORD, payload, { version });
/** A count no file can hold, in the first list: the metadata cannot be read. */
const unreadable = (bytes: Uint8Array, at: number) => withU32(bytes, at, 0x7fffffff);
/** Decoding against another cache version makes JavaScriptCore reject the bytecode (jsc-version-mismatch). */
const REJECT: DecodeOptions = { expectedJscVersion: 0x12345678 };
const ACCEPT: DecodeOptions = { expectedJscVersion: 0xf1f0ed26 };

type Level = 'full' | 'bytecode-only' | 'record-only' | 'none';

describe('the loader verdict: every fate × bytecode accepted or rejected × metadata readable or not', () => {
  // [fate, metadata, make, expected level when the bytecode is accepted, when it is rejected]
  const table: [string, string, () => Uint8Array, Level, Level][] = [
    ['v3', 'readable', () => wrap(3), 'full', 'record-only'],
    ['v3', 'unreadable', () => unreadable(wrap(3), 0x10), 'bytecode-only', 'none'],
    ['v2-bytecode-only', 'readable', () => wrap(2), 'bytecode-only', 'none'],
    ['v2-bytecode-only', 'unreadable', () => unreadable(wrap(2), 0x10), 'bytecode-only', 'none'],
    ['v1-ignored', 'readable', () => wrap(1), 'none', 'none'],
    ['v1-ignored', 'unreadable', () => unreadable(wrap(1), 0x8), 'none', 'none'],
    ['header-rejected', 'readable', () => withU32(wrap(3), 12, 0xffffff), 'none', 'none'],
    ['header-rejected', 'unreadable', () => unreadable(withU32(wrap(3), 12, 0xffffff), 0x10), 'none', 'none'],
    ['unknown-version', '-', () => withU32(wrap(3), 4, 9), 'none', 'none'],
    ['not-bmes: a bare module cache', '-', ESM, 'bytecode-only', 'none'],
    ['not-bmes: a bare CommonJS cache', '-', REAL.compactCjs, 'none', 'none'],
    ['not-bmes: bad magic', '-', () => withU32(wrap(3), 0, 0x424d4554), 'none', 'none'],
    ['not-bmes: too short', '-', () => new Uint8Array(3), 'none', 'none'],
  ];
  for (const [fate, metadata, make, accepted, rejected] of table) {
    for (const [bytecode, options, level] of [
      ['accepted', ACCEPT, accepted],
      ['rejected', REJECT, rejected],
    ] as const) {
      test(`${fate}, metadata ${metadata}, bytecode ${bytecode}: ${level}`, () => {
        const file = decodeBmes(make(), options);
        assert.equal(file.verdict.level, level);
        assert.equal(file.verdict.bytecodeUsed, level === 'full' || level === 'bytecode-only');
        assert.equal(file.verdict.moduleRecordFromFile, level === 'full' || level === 'record-only');
        if (bytecode === 'rejected' && accepted !== 'none') assert.match(file.verdict.reason, /jsc-version-mismatch/);
        // Whatever the loader does, a file with an error is red and one with only warnings amber.
        const verdict = bmesVerdict(file);
        assert.equal(verdict.severity, worstSeverity(file.diagnostics));
        assert.equal(
          verdict.tone === 'error',
          file.diagnostics.some((d) => d.severity === 'error'),
        );
        if (level !== 'full') assert.notEqual(verdict.tone, 'pass', 'only a file Bun uses in full can be green');
      });
    }
  }
});

const checked = (id: string, label: string): VerdictCheck => ({ id, label, state: 'checked', against: null });
const skipped = (id: string, label: string, reason: string): VerdictCheck => ({ id, label, state: 'not-checked', reason });
const OUTCOME = { summary: 'Bun will use the bytecode and the module record', reason: 'Version 3 …' };

describe('the file verdict', () => {
  test('its colour follows the worst diagnostic, whatever the outcome; green only when all is checked', () => {
    const all = [checked('a', 'cache version'), checked('b', 'source')];
    const make = (severities: ('error' | 'warning' | 'info')[], checks = all) =>
      buildVerdict({ outcome: OUTCOME, diagnostics: severities.map((severity) => ({ severity })), checks, cleanMeans: 'it is fine' });
    assert.equal(make([]).tone, 'pass');
    assert.equal(make([]).status, 'No problems: it is fine.');
    assert.equal(make(['info']).tone, 'pass');
    assert.equal(make(['info', 'info']).status, 'No problems: it is fine (2 notes).');
    assert.equal(make(['warning']).tone, 'warning');
    assert.equal(make(['info', 'warning', 'info']).status, '1 warning, 2 notes.');
    assert.equal(make(['warning', 'error']).tone, 'error');
    assert.equal(make(['warning', 'error', 'error']).status, '2 errors, 1 warning.');
    const noBun = [skipped('a', 'cache version', "Bun not found at 'bun'."), checked('b', 'source')];
    assert.equal(make([], noBun).tone, 'unchecked');
    assert.equal(make([], noBun).clean, false);
    assert.equal(make([], noBun).status, "No errors or warnings; cache version not checked: Bun not found at 'bun'.");
    assert.equal(make(['warning'], noBun).tone, 'warning');
    assert.equal(make(['warning'], noBun).status, "1 warning; cache version not checked: Bun not found at 'bun'.");
    assert.equal(
      make(['error'], [...noBun, skipped('c', 'source', 'no source file found')]).status,
      "1 error; cache version not checked: Bun not found at 'bun'; source not checked: no source file found.",
    );
    assert.deepEqual(make(['error', 'info']).counts, { error: 1, warning: 0, info: 1 });
  });

  test('a file with warnings that Bun uses in full is amber, not green (a 100,000-record file with 501 warnings)', () => {
    // Local exports of names no environment declares: "a module that imports it fails to link".
    const records = Array.from({ length: 100_000 - 501 }, (_, i) => ({ name: `v${i}`, bits: 0x04 }));
    const exports = Array.from({ length: 501 }, (_, i) => ({ type: 0, exportName: `e${i}`, moduleName: '', importName: '', localName: `undeclared${i}` }));
    const file = decodeBmes(encodeBmes({ ...EMPTY_RECORD, exportEntries: exports, declaredVariables: records }, ESM()), ACCEPT);
    assert.equal(file.verdict.level, 'full');
    const warnings = file.diagnostics.filter((d) => d.severity === 'warning');
    assert.ok(warnings.length >= 501, `${warnings.length} warnings`);
    const verdict = bmesVerdict(file, { ...NO_EXPECTATIONS, jscVersion: { value: 0xf1f0ed26, from: 'Bun 1.4.5' }, source: { value: null, reason: 'no source file found' } });
    assert.equal(verdict.tone, 'warning');
    assert.equal(verdict.outcome.summary, 'Bun will use the bytecode and the module record');
    assert.match(verdict.status, /^\d[\d,]* warnings; source not checked: no source file found\.$/);
  });

  test('the checks: what the file could be compared with, and why not', () => {
    const everything: BmesExpectations = {
      version: 3,
      jscVersion: { value: 0xf1f0ed26, from: 'Bun 1.4.5' },
      source: { value: 'module.js', from: null },
    };
    const states = (name: string | Uint8Array, expect = everything) =>
      bmesChecks(decodeBmes(typeof name === 'string' ? sample(name) : name), expect).map((c) =>
        c.state === 'checked' ? `${c.id}: ${c.against}` : `${c.id} not checked: ${c.reason}`,
      );
    assert.deepEqual(states('v3-bun-1.4.4-esm.bmes'), ['version: 3', 'jsc-version: 0xf1f0ed26, from Bun 1.4.5', 'source: module.js: length and hash']);
    assert.deepEqual(states('v3-bun-1.3.6-classic-cjs.bmes').at(-1), 'source: module.js: length and hash');
    assert.deepEqual(states('corrupt-bad-magic.bmes'), [
      'version not checked: not a BMES file',
      'jsc-version not checked: the file has no JavaScriptCore cache to read it from',
      'source not checked: the file has no JavaScriptCore source key to compare',
    ]);
    assert.deepEqual(states(new Uint8Array([0x53, 0x45, 0x4d, 0x42, 3])).slice(0, 1), ['version not checked: the file ends before its version field']);
    assert.deepEqual(states('v3-bun-1.4.4-esm.bmes', NO_EXPECTATIONS), [
      'version: 3',
      'jsc-version not checked: no expected cache version given',
      'source not checked: no source file given',
    ]);
  });

  test('on every sample: "No problems" only when clean and checked; the verdict counts every diagnostic', () => {
    for (const name of readdirSync(SAMPLES).filter((f) => f.endsWith('.bmes'))) {
      const js = name.replace(/\.bmes$/, '.js');
      const hasSource = readdirSync(SAMPLES).includes(js);
      const options: DecodeOptions = { expectedJscVersion: 0xf1f0ed26, ...(hasSource ? { source: sourceKeyOfFile(sample(js)) } : {}) };
      const file = decodeBmes(sample(name), options);
      const verdict = bmesVerdict(file, {
        version: 3,
        jscVersion: { value: 0xf1f0ed26, from: null },
        source: hasSource ? { value: js, from: null } : { value: null, reason: 'no source file found' },
      });
      assert.equal(verdict.counts.error + verdict.counts.warning + verdict.counts.info, file.diagnostics.length, name);
      assert.equal(verdict.status.startsWith('No problems'), verdict.clean, name);
      assert.equal(verdict.clean, verdict.tone === 'pass', name);
      assert.equal(verdict.clean, !file.diagnostics.some((d) => d.severity !== 'info') && verdict.checks.every((c) => c.state === 'checked'), name);
      if (!verdict.clean) assert.ok(verdict.status.startsWith(countsText(verdict.counts, ['error', 'warning']) || 'No errors or warnings'), `${name}: ${verdict.status}`);
    }
  });

  test('errors, then warnings, then notes, each in the given order', () => {
    const list = [
      { severity: 'info', at: 1 },
      { severity: 'error', at: 2 },
      { severity: 'warning', at: 3 },
      { severity: 'error', at: 4 },
      { severity: 'info', at: 5 },
    ] as const;
    assert.deepEqual(
      bySeverity(list).map((d) => d.at),
      [2, 4, 3, 1, 5],
    );
  });
});
