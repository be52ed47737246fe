// The "Checked against" lines of released Bun's artifacts: a sidecar and an executable have no BMES version to
// compare, and an executable's cache version and source are its modules' own (read by the module check), never
// "none" or "no source file found" while every module has bytecode and its contents.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { inspectModules } from '../../extension/artifact/inspect';
import { memorySource } from '../../extension/artifact/rangeReader';
import { summarizeGraph } from '../../extension/bunExecutable/graphSummary';
import { expectationsOf } from '../../extension/host/checks';
import { modelOfArtifact } from '../../extension/host/artifactModel';
import type { CacheChecks } from '../../extension/protocol';
import { moduleCacheVersions } from '../../extension/verdict/artifactVerdicts';
import { buildExecutableViewModel } from '../../extension/viewModel/artifactViewModel';
import type { ViewModel } from '../../extension/viewModel/types';
import { checkLines, mismatchCards } from '../../webview/lib/mismatch';
import { hostChecks } from '../support/checks';

const ARTIFACTS = join(__dirname, '../../samples/bun-artifacts');
const CHECKS: CacheChecks = hostChecks();

async function executable(name: string, checks: CacheChecks): Promise<{ list: ViewModel; checked: ViewModel }> {
  const decoded = await decodeArtifactFrom(memorySource(new Uint8Array(readFileSync(join(ARTIFACTS, name)))), { expectedJscVersion: checks.expectedJscVersion ?? undefined });
  const exe = decoded.artifact;
  assert.equal(exe.kind, 'executable');
  if (exe.kind !== 'executable') throw new Error('not an executable');
  const list = modelOfArtifact(exe, checks.expectedVersion, expectationsOf(checks)).model;
  const inspected = await inspectModules(decoded.reader, exe, { expectedJscVersion: checks.expectedJscVersion ?? undefined });
  const extras = {
    details: inspected.modules,
    records: inspected.records,
    shared: inspected.shared,
    summary: summarizeGraph(exe, inspected.modules, inspected.diagnostics),
    diagnostics: inspected.diagnostics,
  };
  return { list, checked: buildExecutableViewModel(exe, extras, null, expectationsOf(checks)) };
}

const lineOf = (model: ViewModel, checks: CacheChecks) => new Map(checkLines(model, checks, mismatchCards(model, checks)).map((l) => [l.label, l]));

test("an executable's check lines: its modules' cache versions and contents, no BMES version; unchecked until the modules are read", async () => {
  const { list, checked } = await executable('graph-1.4.5-esm.bin', CHECKS);
  const before = lineOf(list, CHECKS);
  assert.deepEqual([...before.keys()], ['Cache version', 'Source']);
  assert.equal(before.get('Cache version')!.state, 'unchecked');
  assert.equal(before.get('Cache version')!.text, 'expected 0xf1f0ed26, from Bun 1.4.5; this file: not read: the modules are still being read');
  assert.equal(before.get('Source')!.state, 'unchecked');
  const after = lineOf(checked, CHECKS);
  assert.deepEqual([...after.keys()], ['Cache version', 'Source']);
  assert.deepEqual(after.get('Cache version'), {
    label: 'Cache version',
    text: 'expected 0xf1f0ed26, from Bun 1.4.5; this file: 0xf1f0ed26 in all 2 modules with bytecode',
    state: 'ok',
    severity: null,
  });
  assert.equal(after.get('Source')!.state, 'ok');
  assert.match(after.get('Source')!.text, /each module's own contents/);
  assert.equal(checked.verdict.checks.find((c) => c.id === 'source')?.state, 'checked');

  // Checked against another Bun, the same modules are a mismatch with the colour of their diagnostics.
  const other: CacheChecks = { ...CHECKS, expectedJscVersion: 0x54467ad4, expectedJscVersionFrom: 'Bun 1.3.14' };
  const stale = lineOf((await executable('graph-1.4.5-esm.bin', other)).checked, other).get('Cache version')!;
  assert.equal(stale.state, 'mismatch');
  assert.match(stale.text, /expected 0x54467ad4, from Bun 1\.3\.14; this file: 0xf1f0ed26 in all 2 modules/);
});

test('a sidecar has no BMES version line', async () => {
  const decoded = await decodeArtifactFrom(memorySource(new Uint8Array(readFileSync(join(ARTIFACTS, 'sidecar-1.4.5/cjs.js.jsc')))), {});
  const checks = { ...CHECKS, sourcePath: 'sidecar-1.4.5/cjs.js' };
  const model = modelOfArtifact(decoded.artifact, 3, expectationsOf(checks)).model;
  assert.equal(model.kind, 'jsc-payload');
  assert.deepEqual(
    checkLines(model, checks, mismatchCards(model, checks)).map((l) => [l.label, l.state]),
    [
      ['Cache version', 'ok'],
      ['Source file', 'ok'],
    ],
  );
});

test("the modules' cache versions in words", () => {
  assert.equal(moduleCacheVersions([0xf1f0ed26]), '0xf1f0ed26 in its 1 module with bytecode');
  assert.equal(moduleCacheVersions([1, 2, 2]), '0x00000002 in 2 modules, 0x00000001 in 1 module');
});
