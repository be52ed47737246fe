import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { memorySource } from '../../extension/artifact/rangeReader';
import { fullSourceKey } from '../../extension/artifact/sourceKey';
import { decodeJscPayload } from '../../extension/sidecar/decodeJscPayload';

const SAMPLES = join(__dirname, '..', '..', 'samples', 'bun-artifacts');
const read = (path: string) => new Uint8Array(readFileSync(join(SAMPLES, path)));
const codes = (file: { diagnostics: readonly { code: string; severity: string }[] }, severity?: string) =>
  file.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => d.code);

const SIDECARS = [
  { version: '1.3.6', container: 'bare', layout: 'classic', cacheVersion: 0x188ee0b9, writtenBy: 'Bun 1.3.6', hashCheckable: true },
  { version: '1.3.9', container: 'bare', layout: 'classic', cacheVersion: 0x45741b73, writtenBy: 'Bun 1.3.9', hashCheckable: true },
  { version: '1.3.14', container: 'bare', layout: 'classic', cacheVersion: 0x54467ad4, writtenBy: 'Bun 1.3.14', hashCheckable: true },
  { version: '1.4.5', container: 'sidecar', layout: 'compact', cacheVersion: 0xf1f0ed26, writtenBy: 'Bun 1.4.4 or 1.4.5', hashCheckable: true },
] as const;

describe('the real sidecars of four Bun releases are valid, with the Bun that wrote them', () => {
  for (const s of SIDECARS) {
    test(`Bun ${s.version}`, async () => {
      const data = read(`sidecar-${s.version}/cjs.js.jsc`);
      const source = fullSourceKey(read(`sidecar-${s.version}/cjs.js`));
      const { artifact } = await decodeArtifactFrom(memorySource(data), { source, expectedJscVersion: s.cacheVersion });
      assert.equal(artifact.kind, 'jsc-payload');
      if (artifact.kind !== 'jsc-payload') return;
      assert.equal(artifact.container, s.container);
      assert.equal(artifact.jsc?.layout, s.layout);
      assert.equal(artifact.jsc?.tag?.value, 0, 'a CommonJS sidecar holds a program');
      assert.equal(artifact.writtenBy, s.writtenBy);
      assert.deepEqual(codes(artifact, 'error'), []);
      assert.deepEqual(codes(artifact, 'warning'), []);
      // Only the hash of builds without SuperFastHash is reported as not checkable; nothing says "mismatch".
      assert.deepEqual(codes(artifact), s.hashCheckable ? [] : ['source-hash-unchecked']);
      assert.equal(artifact.verdict.bytecodeUsed, true);
      assert.equal(artifact.verdict.notChecked.length, s.hashCheckable ? 0 : 1);
      if (s.container === 'sidecar') {
        assert.equal(artifact.trailer?.payloadSize.value, 904n);
        assert.equal(artifact.trailer?.hash.value, 0x40c028b42db2d08an);
        assert.equal(artifact.trailer?.computedHash, 0x40c028b42db2d08an);
        assert.deepEqual(artifact.payload, { offset: 0, length: 904 });
      }
    });
  }
});

describe('a damaged 1.4.5 sidecar says what is wrong, where, and that Bun compiles from source', () => {
  const good = read('sidecar-1.4.5/cjs.js.jsc');
  const source = fullSourceKey(read('sidecar-1.4.5/cjs.js'));
  const decode = (data: Uint8Array) => decodeJscPayload(data, { source });
  const only = (data: Uint8Array, code: string, offset: number) => {
    const file = decode(data);
    const errors = file.diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(
      errors.map((d) => [d.code, d.offset]),
      [[code, offset]],
    );
    assert.match(errors[0]!.message, /silent cache miss/);
    assert.equal(file.verdict.bytecodeUsed, false);
    assert.match(file.verdict.summary, /cache miss/i);
    return file;
  };
  test('one flipped payload byte: the trailer hash at its offset', () => {
    const flipped = good.slice();
    flipped[500] ^= 0x40;
    only(flipped, 'sidecar-hash-mismatch', 904 + 8);
  });
  test('a wrong trailer size', () => {
    const data = good.slice();
    new DataView(data.buffer).setBigUint64(904, 903n, true);
    only(data, 'sidecar-size-mismatch', 904);
  });
  test('a damaged magic, recognised by the payload and trailer sizes', () => {
    const data = good.slice();
    data[927] = 0x78;
    only(data, 'sidecar-bad-magic', 920);
  });
  test('a module payload in a sidecar', () => {
    const data = good.slice();
    new DataView(data.buffer).setUint32(4, 1, true);
    const file = decode(data);
    assert.ok(codes(file, 'error').includes('unexpected-payload-tag'));
    assert.ok(codes(file, 'error').includes('sidecar-hash-mismatch'));
  });
  test('the source beside it has another length', () => {
    const file = decodeJscPayload(good, { source: { ...source, length: 227 } });
    assert.deepEqual(codes(file, 'error'), ['source-mismatch']);
    assert.equal(file.diagnostics.find((d) => d.code === 'source-mismatch')?.offset, 24);
  });
  test('the .js beside it has the same length but other text: the key hash, for every build', () => {
    for (const version of ['1.3.6', '1.3.9', '1.3.14', '1.4.5']) {
      const js = Buffer.from(read(`sidecar-${version}/cjs.js`));
      const at = js.indexOf('hi from');
      js[at] = 'H'.charCodeAt(0);
      const file = decodeJscPayload(read(`sidecar-${version}/cjs.js.jsc`), { source: fullSourceKey(js) });
      const d = file.diagnostics.filter((x) => x.code === 'source-mismatch');
      assert.equal(d.length, 1, version);
      assert.equal(d[0]!.offset, file.jsc!.keyHash!.offset, version);
      assert.equal(file.verdict.bytecodeUsed, false, version);
    }
  });
  test("another Bun's cache version", () => {
    const file = decodeJscPayload(good, { source, expectedJscVersion: 0x54467ad4 });
    const d = file.diagnostics.find((x) => x.code === 'jsc-version-mismatch');
    assert.equal(d?.offset, 0);
    assert.match(d!.message, /Bun 1\.4\.4 or 1\.4\.5.*Bun 1\.3\.14/);
  });
  test('every truncation decodes without a throw and is never reported valid', () => {
    for (let n = 0; n < good.length; n++) {
      const file = decode(good.subarray(0, n));
      assert.equal(file.size, n);
      assert.equal(file.verdict.bytecodeUsed, false, `prefix of ${n} bytes`);
    }
  });
  test('every single-byte change of the payload or trailer is caught', () => {
    for (let at = 0; at < good.length; at += 7) {
      const data = good.slice();
      data[at] ^= 0x01;
      const file = decode(data);
      assert.equal(file.verdict.bytecodeUsed, false, `byte ${at}`);
    }
  });
});

test('the verdict names what it could not check', () => {
  const file = decodeJscPayload(read('sidecar-1.3.9/cjs.js.jsc'));
  assert.deepEqual(codes(file), []);
  assert.match(file.verdict.summary, /as far as checked/);
  assert.equal(file.verdict.notChecked.length, 2);
  assert.match(file.verdict.notChecked.join('\n'), /cache version not compared/);
  assert.match(file.verdict.notChecked.join('\n'), /source not checked/);
});
