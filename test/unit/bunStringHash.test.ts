import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inspectArtifact } from '../../extension/artifact/inspect';
import { memorySource } from '../../extension/artifact/rangeReader';
import { decodeJscSection, superFastHash, windowOver } from '../../extension/bmes';
import type { ExecutableFile } from '../../extension/bunExecutable/model';
import { WYHASH_THRESHOLD, wtfStringHash, wyStringHash } from '../../extension/bunRecord';

// JavaScriptCore stores a payload's source key hash as `StringImpl::hash(source) ^ keyFlags`: that ties each build's
// string hash to real bytes. 1.3.9: SuperFastHash; 1.3.14: SuperFastHash ≤ 48 characters, WYHash above; 1.4.5: rapidhash.
const SAMPLES = join(__dirname, '../../samples/bun-artifacts');
const HASH_OF: Readonly<Record<string, (text: string) => number>> = {
  '1.3.9': (text) => superFastHash([...text].map((c) => c.charCodeAt(0))),
  '1.3.14': wyStringHash,
  '1.4.5': wtfStringHash,
};

test("sidecars: the key hash is the build's string hash of the source, xor the key flags", () => {
  for (const version of ['1.3.9', '1.3.14', '1.4.5']) {
    const payload = new Uint8Array(readFileSync(join(SAMPLES, `sidecar-${version}`, 'cjs.js.jsc')));
    const source = readFileSync(join(SAMPLES, `sidecar-${version}`, 'cjs.js'), 'latin1');
    assert.ok(source.length > WYHASH_THRESHOLD, 'long enough for the WYHash branch');
    const jsc = decodeJscSection(windowOver(payload), 0, payload.length)!;
    assert.equal((jsc.keyHash!.value ^ jsc.keyFlags!.value) >>> 0, HASH_OF[version]!(source), version);
  }
});

test("executables: every module's bytecode key hash is the build's string hash of its contents", async () => {
  for (const version of ['1.3.9', '1.3.14', '1.4.5']) {
    const data = new Uint8Array(readFileSync(join(SAMPLES, `graph-${version}-esm.bin`)));
    const inspection = await inspectArtifact(memorySource(data));
    const exe = inspection.artifact as ExecutableFile;
    assert.ok(exe.modules.length >= 2);
    for (const m of exe.modules) {
      const jsc = inspection.modules[m.index]!.jsc!;
      const contents = new TextDecoder('latin1').decode(data.subarray(m.contents.offset, m.contents.offset + m.contents.length));
      assert.equal((jsc.keyHash!.value ^ jsc.keyFlags!.value) >>> 0, HASH_OF[version]!(contents), `${version} ${m.nameText}`);
    }
  }
});

test('1.3.14 hashes short strings with SuperFastHash, long ones with WYHash', () => {
  const short = 'x'.repeat(WYHASH_THRESHOLD);
  assert.equal(wyStringHash(short), superFastHash([...short].map((c) => c.charCodeAt(0))));
  const long = 'x'.repeat(WYHASH_THRESHOLD + 1);
  assert.notEqual(wyStringHash(long), superFastHash([...long].map((c) => c.charCodeAt(0))));
});
