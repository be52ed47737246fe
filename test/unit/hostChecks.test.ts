/**
 * What caches are checked against: the expected cache version from the setting or the probed Bun (never in an
 * untrusted workspace), the CacheChecks sent to the webview, the trust rule for Regenerate, and a decode with a
 * plan (version-mismatch, jsc-version-mismatch, source-mismatch in the model, checks in the 'model' message).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sourceKeyOfFile } from '../../extension/bmes';
import { cacheChecks, jscExpectation, needsProbe, regenerateBlockers, type ProbeOutcome } from '../../extension/host/checks';
import { LiveBmesFile, type DecodePlan } from '../../extension/host/liveFile';
import { handleWebviewMessage, stateMessage } from '../../extension/host/messages';
import type { ClosableRangeSource, HostLog } from '../../extension/host/ports';
import { readSettings } from '../../extension/host/settings';
import type { HostToWebview } from '../../extension/protocol';

const ROOT = join(__dirname, '../..');
const t = (message: string, ...args: (string | number)[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const settings = (values: Record<string, unknown> = {}) => readSettings((k) => values[k]);
const known: ProbeOutcome = { kind: 'known', version: '1.4.5', revision: '1.4.5+a7733435c', cacheVersion: 0xf1f0ed26 };
const memory = (data: Uint8Array): ClosableRangeSource => ({ size: data.length, read: async (o, l) => data.subarray(o, o + l), close: async () => undefined });
const log: HostLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

test('the Bun probe is needed only for "auto", and never in an untrusted workspace', () => {
  assert.equal(needsProbe(settings(), true), true);
  assert.equal(needsProbe(settings(), false), false);
  assert.equal(needsProbe(settings({ expectedJscVersion: '0xF1F0ED26' }), true), false);
  assert.equal(needsProbe(settings({ expectedJscVersion: '' }), true), false);
});

test('the expected cache version: from the probe, the setting, or why there is none', () => {
  const fromBun = jscExpectation(settings(), true, known, t);
  assert.equal(fromBun.value, 0xf1f0ed26);
  assert.equal(fromBun.from, 'Bun 1.4.5 (1.4.5+a7733435c)');
  assert.equal(fromBun.problem, null);
  assert.deepEqual(fromBun.bun, { version: '1.4.5', revision: '1.4.5+a7733435c' });

  const failed = jscExpectation(settings({ bunPath: '/opt/bun' }), true, { kind: 'failed', message: "Bun not found at '/opt/bun': no executable file there." }, t);
  assert.deepEqual([failed.value, failed.problem], [null, "Bun not found at '/opt/bun': no executable file there."]);
  assert.match(jscExpectation(settings(), true, { kind: 'pending' }, t).problem!, /Asking Bun at 'bun'/);

  const untrusted = jscExpectation(settings(), false, null, t);
  assert.equal(untrusted.value, null);
  assert.match(untrusted.problem!, /never run in an untrusted workspace/);

  // A hex setting works everywhere, untrusted included, and nothing is asked.
  for (const trusted of [true, false]) {
    const fixed = jscExpectation(settings({ expectedJscVersion: '0x188ee0b9' }), trusted, null, t);
    assert.deepEqual([fixed.value, fixed.problem], [0x188ee0b9, null]);
    assert.match(fixed.from!, /0x188ee0b9/);
  }
  assert.match(jscExpectation(settings({ expectedJscVersion: '' }), true, null, t).problem!, /is empty/);
  assert.match(jscExpectation(settings({ expectedJscVersion: 'zz' }), true, null, t).problem!, /"zz"/);
});

test('CacheChecks: Regenerate only in a trusted workspace and for files on disk, with the reason', () => {
  assert.deepEqual(regenerateBlockers(true, true, t), []);
  assert.deepEqual(regenerateBlockers(false, true, t).length, 1);
  assert.match(regenerateBlockers(false, true, t)[0]!, /untrusted workspace/);
  assert.match(regenerateBlockers(true, false, t)[0]!, /file on disk/);
  // Both at once: both reasons, the trust first.
  const both = regenerateBlockers(false, false, t);
  assert.equal(both.length, 2);
  assert.match(both[0]!, /untrusted workspace/);
  assert.match(both[1]!, /file on disk/);
  const s = settings({ expectedVersion: 2 });
  const checks = cacheChecks({ settings: s, expectation: jscExpectation(s, false, null, t), sourcePath: 'src/mod.js', trusted: false, onDisk: true }, t);
  assert.equal(checks.expectedVersion, 2);
  assert.equal(checks.expectedJscVersion, null);
  assert.match(checks.jscVersionProblem!, /untrusted/);
  assert.equal(checks.sourcePath, 'src/mod.js');
  assert.equal(checks.canRegenerate, false);
  assert.equal(checks.regenerateDisabledReasons.length, 1);
  assert.match(checks.regenerateDisabledReasons[0]!, /untrusted/);
  const ok = cacheChecks({ settings: s, expectation: jscExpectation(s, true, known, t), sourcePath: null, trusted: true, onDisk: true }, t);
  assert.deepEqual([ok.canRegenerate, ok.regenerateDisabledReasons, ok.expectedJscVersion], [true, [], 0xf1f0ed26]);
});

test('a decode with a plan: the three mismatches reach the model, and the model message carries the checks', async () => {
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'samples/v2-bun-1.4.4-esm.bmes')));
  const checks = cacheChecks({ settings: settings(), expectation: jscExpectation(settings(), true, known, t), sourcePath: 'mod.js', trusted: true, onDisk: true }, t);
  let plans = 0;
  const plan = async (): Promise<DecodePlan> => {
    plans++;
    return { options: { expectedJscVersion: 0x188ee0b9, source: sourceKeyOfFile(new TextEncoder().encode('export const other = 1;\n')) }, expectedVersion: 3, checks };
  };
  const live = new LiveBmesFile('mod.js.bmes', async () => memory(bytes), log, plan);
  const state = await live.load();
  assert.equal(plans, 1);
  assert.equal(state.kind, 'decoded');
  if (state.kind !== 'decoded') return;
  const codes = state.diagnostics.map((d) => d.code);
  // The old version once, as the decoder reports it (the host adds no version-mismatch of its own for it).
  assert.deepEqual(codes.filter((c) => c.includes('version') || c === 'source-mismatch').sort(), ['jsc-version-mismatch', 'legacy-version', 'source-mismatch']);
  assert.deepEqual(
    state.model.diagnostics.map((d) => d.code),
    codes,
    'the view model lists the same diagnostics',
  );
  const message = stateMessage(state, 'mod.js.bmes', t);
  assert.equal(message.type, 'model');
  assert.deepEqual(message.type === 'model' ? message.checks : null, checks);
  await live.load();
  assert.equal(plans, 2, 'every decode is checked afresh');
});

test('one fault, one diagnostic: the host checks the BMES version only where the decoder has not already faulted it', async () => {
  const decodeWith = async (name: string, expectedVersion: number) => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'samples', name)));
    const checks = cacheChecks(
      { settings: settings({ expectedVersion }), expectation: jscExpectation(settings(), false, null, t), sourcePath: null, trusted: true, onDisk: true },
      t,
    );
    const live = new LiveBmesFile(
      name,
      async () => memory(bytes),
      log,
      async () => ({ options: {}, expectedVersion, checks }),
    );
    const state = await live.load();
    assert.equal(state.kind, 'decoded');
    if (state.kind !== 'decoded') throw new Error(name);
    // What the verdict counts is what the Problems tab and the Problems panel list.
    assert.deepEqual(
      state.model.diagnostics.map((d) => d.code),
      state.diagnostics.map((d) => d.code),
    );
    const onVersion = state.diagnostics.filter((d) => d.offset === 4);
    return { onVersion: onVersion.map((d) => `${d.code}:${d.severity}`), messages: onVersion.map((d) => d.message), verdict: state.model.verdict };
  };
  const v1 = await decodeWith('v1-bun-1.4.4-esm.bmes', 3);
  assert.deepEqual(v1.onVersion, ['legacy-version:error']);
  assert.equal(v1.verdict?.counts.error, 1, 'one error in the verdict for one fault');
  assert.deepEqual((await decodeWith('v1-small.bmes', 3)).onVersion, ['legacy-version:error']);
  assert.deepEqual((await decodeWith('v2-small.bmes', 3)).onVersion, ['legacy-version:warning']);
  assert.deepEqual((await decodeWith('corrupt-unknown-version.bmes', 3)).onVersion, ['unknown-version:error']);
  // Another expected version: still one diagnostic, naming the configured version.
  const v1as2 = await decodeWith('v1-bun-1.4.4-esm.bmes', 2);
  assert.deepEqual(v1as2.onVersion, ['legacy-version:error']);
  assert.match(v1as2.messages[0]!, /expects version 2 \(bmesInspector\.expectedVersion\)/);
  // A version the decoder accepts: the host's version-mismatch is the only one.
  assert.deepEqual((await decodeWith('v3-bun-1.4.4-esm.bmes', 2)).onVersion, ['version-mismatch:warning']);
  assert.deepEqual((await decodeWith('v3-bun-1.4.4-esm.bmes', 3)).onVersion, []);
});

test('a plan that fails is logged and the file is still decoded, without expectations', async () => {
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'samples/v2-bun-1.4.4-esm.bmes')));
  const warnings: string[] = [];
  const live = new LiveBmesFile(
    'x.bmes',
    async () => memory(bytes),
    { ...log, warn: (m) => warnings.push(m) },
    async () => {
      throw new Error('settings unreadable');
    },
  );
  const state = await live.load();
  assert.equal(state.kind, 'decoded');
  assert.ok(state.kind === 'decoded' && !state.diagnostics.some((d) => d.code === 'version-mismatch'));
  assert.match(warnings.join('\n'), /settings unreadable/);
  const message = stateMessage(state, 'x.bmes', t);
  assert.ok(message.type === 'model' && message.checks === undefined);
});

test("the webview's 'regenerate' request runs the host's regenerate; without one it is logged", async () => {
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'samples/v3-tiny.bmes')));
  const live = new LiveBmesFile('t.bmes', async () => memory(bytes), log);
  await live.load();
  const posted: HostToWebview[] = [];
  const warnings: string[] = [];
  let asked = 0;
  const base = { fileName: 't.bmes', file: live, isDeleted: () => false, copy: async () => undefined, log: { ...log, warn: (m: string) => warnings.push(m) }, t };
  const port = { post: async (m: HostToWebview) => posted.push(m) > 0 };
  await handleWebviewMessage({ type: 'regenerate' }, port, { ...base, regenerate: async () => void asked++ });
  await handleWebviewMessage({ type: 'regenerate', extra: 'ignored' }, port, { ...base, regenerate: async () => void asked++ });
  assert.equal(asked, 2);
  await handleWebviewMessage({ type: 'regenerate' }, port, base);
  assert.match(warnings.join('\n'), /not available/);
  assert.deepEqual(posted, []);
});

test('without a usable Bun, Regenerate is refused with the reason when the generator runs Bun', () => {
  const problem = "Bun not found at '/opt/bun': no executable file there.";
  const failed: ProbeOutcome = { kind: 'failed', message: problem };
  const shipped = settings({ bunPath: '/opt/bun' });
  const checks = cacheChecks({ settings: shipped, expectation: jscExpectation(shipped, true, failed, t), sourcePath: 'mod.js', trusted: true, onDisk: true }, t);
  assert.equal(checks.canRegenerate, false);
  assert.equal(checks.regenerateDisabledReasons.length, 1);
  assert.match(checks.regenerateDisabledReasons[0]!, /cannot be used: Bun not found at '\/opt\/bun'/);
  // No Bun and not on disk: both reasons.
  const twice = cacheChecks({ settings: shipped, expectation: jscExpectation(shipped, true, failed, t), sourcePath: 'mod.js', trusted: true, onDisk: false }, t);
  assert.equal(twice.canRegenerate, false);
  assert.equal(twice.regenerateDisabledReasons.length, 2);
  assert.match(twice.regenerateDisabledReasons[0]!, /file on disk/);
  assert.match(twice.regenerateDisabledReasons[1]!, /cannot be used: Bun not found/);
  // A custom generator that does not run Bun is not held back by it.
  const custom = settings({ bunPath: '/opt/bun', generatorCommand: ['node', 'gen.js', '${source}', '${output}'] });
  const other = cacheChecks({ settings: custom, expectation: jscExpectation(custom, true, failed, t), sourcePath: 'mod.js', trusted: true, onDisk: true }, t);
  assert.equal(other.canRegenerate, true);
  const withBun = settings({ bunPath: '/opt/bun', generatorCommand: ['${bun}', 'gen.js'] });
  assert.equal(
    cacheChecks({ settings: withBun, expectation: jscExpectation(withBun, true, failed, t), sourcePath: 'mod.js', trusted: true, onDisk: true }, t).canRegenerate,
    false,
  );
  // Untrusted: Bun is never asked there, so the trust is the one reason.
  const untrusted = cacheChecks(
    { settings: shipped, expectation: jscExpectation(shipped, false, null, t), sourcePath: 'mod.js', trusted: false, onDisk: true },
    t,
  ).regenerateDisabledReasons;
  assert.equal(untrusted.length, 1);
  assert.match(untrusted[0]!, /untrusted/);
});
