import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { inspectArtifact } from '../../extension/artifact/inspect';
import { sourceKeyOfFile } from '../../extension/bmes';
import type { ExecutableFile } from '../../extension/bunExecutable/model';
import { decodeJscPayload } from '../../extension/sidecar/decodeJscPayload';
import { FileRangeSource } from '../../extension/node/fileSource';
import { buildSidecar, cacheVersionOf, compileCjsApp, compileEsmApp } from '../support/realBun';

/**
 * Artifacts built at test time by released Bun from npm: 1.4.5 (ELF section, compact payloads, prelinked graph) and
 * 1.3.14 (ELF section, classic payloads, module_info), checked module by module against what the build was given.
 */
const VERSIONS = ['1.4.5', '1.3.14'] as const;

async function inspectFile(path: string, expectedJscVersion?: number) {
  const source = await FileRangeSource.open(path);
  try {
    return { ...(await inspectArtifact(source, { expectedJscVersion })), size: source.size };
  } finally {
    await source.close();
  }
}

for (const version of VERSIONS) {
  describe(`Bun ${version}`, () => {
    const cacheVersion = cacheVersionOf(version);

    test('a sidecar: valid, written by this Bun, checked against its .js', () => {
      const { js, jsc } = buildSidecar(version);
      const file = decodeJscPayload(new Uint8Array(readFileSync(jsc)), { source: sourceKeyOfFile(readFileSync(js)), expectedJscVersion: cacheVersion });
      assert.equal(file.jsc?.cacheVersion.value, cacheVersion);
      assert.match(file.writtenBy, new RegExp(version.replace(/\./g, '\\.')));
      assert.deepEqual(
        file.diagnostics.filter((d) => d.severity !== 'info'),
        [],
      );
      assert.equal(file.verdict.bytecodeUsed, true);
      assert.equal(file.container, version.startsWith('1.4') ? 'sidecar' : 'bare');
    });

    test('an ESM executable with a split dynamic chunk, a star re-export and top-level await', async () => {
      const { exe } = compileEsmApp(version);
      const inspection = await inspectFile(exe, cacheVersion);
      const artifact = inspection.artifact as ExecutableFile;
      assert.equal(artifact.kind, 'executable');
      assert.equal(artifact.container.kind, 'elf-section');
      // The module list costs a few pages of a ~100 MB file: ELF header, section table, graph tail, module table, names.
      assert.ok(inspection.size > 50_000_000);
      const listing = await FileRangeSource.open(exe);
      try {
        const { bytesRead } = await decodeArtifactFrom(listing);
        assert.ok(bytesRead <= 64 * 1024, `read ${bytesRead} bytes for the module list`);
      } finally {
        await listing.close();
      }
      const names = artifact.modules.map((m) => m.nameText);
      assert.ok(names.includes('/$bunfs/root/app-esm'), names.join());
      assert.ok(
        names.some((n) => /^\/\$bunfs\/root\/dyn-[a-z0-9]+\.js$/.test(n)),
        names.join(),
      );
      const entry = artifact.modules.find((m) => m.isEntry)!;
      assert.equal(entry.nameText, '/$bunfs/root/app-esm');
      const text = (m: (typeof artifact.modules)[number]) =>
        readFileSync(exe)
          .subarray(m.contents.offset, m.contents.offset + m.contents.length)
          .toString('latin1');
      // What the build was given: the entry holds main() and the top-level await, the dynamic chunk holds late().
      assert.match(text(entry), /function main\(\)/);
      assert.match(text(entry), /await import\(/);
      const dyn = artifact.modules.find((m) => m.nameText.includes('/dyn-'))!;
      assert.match(text(dyn), /function late\(\)/);
      for (const m of artifact.modules) {
        assert.equal(m.format.name, 'esm');
        assert.ok(m.bytecode.present, `${m.nameText} has bytecode`);
        const details = inspection.modules[m.index]!;
        assert.equal(details.jsc?.cacheVersion.value, cacheVersion);
        assert.equal(details.jsc?.tag?.value, 1, 'module bytecode');
        assert.equal(details.jsc?.sourceLength, m.contents.length);
        if (version.startsWith('1.3')) assert.ok(m.moduleInfo?.present, `${m.nameText} has module_info`);
      }
      if (version.startsWith('1.4')) {
        assert.ok(artifact.optional?.prelinkedGraph?.present);
        assert.equal(artifact.optional?.prelinkedModuleOrder?.values.length, artifact.modules.length);
      }
      // Every ES module's record is read and agrees with its contents; 1.3.x omits `export * from "bun:ffi"` (spec §4).
      for (const m of artifact.modules) assert.ok(inspection.records[m.index], `${m.nameText} has a record`);
      const entryRecord = inspection.records[entry.index]!;
      assert.deepEqual(entryRecord.parts.exports?.entries.map((e) => e.exportName.value).sort(), ['PI2', 'answer', 'default', 'twice']);
      assert.deepEqual(
        inspection.records[dyn.index]!.parts.exports?.entries.map((e) => e.exportName.value),
        ['late'],
      );
      assert.deepEqual(
        inspection.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
        [],
      );
      assert.equal(inspection.diagnostics.filter((d) => d.code === 'record-omits-star-export').length, version.startsWith('1.3') ? 1 : 0);
    });

    test('a CommonJS executable', async () => {
      const { exe } = compileCjsApp(version);
      const inspection = await inspectFile(exe, cacheVersion);
      const artifact = inspection.artifact as ExecutableFile;
      assert.equal(artifact.kind, 'executable');
      assert.equal(artifact.modules.length, 1);
      const [m] = artifact.modules;
      assert.equal(m!.format.name, 'cjs');
      assert.equal(inspection.modules[0]?.jsc?.tag?.value, 0, 'a CommonJS module is compiled as a program');
      assert.deepEqual(
        inspection.diagnostics.filter((d) => d.severity !== 'info'),
        [],
      );
    });

    test("another Bun's cache version is a mismatch in every module", async () => {
      const { exe } = compileEsmApp(version);
      const inspection = await inspectFile(exe, 0x188ee0b9);
      const mismatches = inspection.diagnostics.filter((d) => d.code === 'jsc-version-mismatch');
      assert.equal(mismatches.length, (inspection.artifact as ExecutableFile).modules.length);
    });
  });
}

describe('the appended container of Bun ≤ 1.3.11', () => {
  test('Bun 1.3.9: an ESM executable with module_info, found through the u64 file size at the end', async () => {
    const { exe } = compileEsmApp('1.3.9');
    const inspection = await inspectFile(exe, cacheVersionOf('1.3.9'));
    const artifact = inspection.artifact as ExecutableFile;
    assert.equal(artifact.kind, 'executable');
    assert.equal(artifact.container.kind, 'appended');
    assert.equal(artifact.container.totalSizeField?.value, inspection.size);
    assert.equal(artifact.recordSize, 52);
    assert.equal(artifact.modules.find((m) => m.isEntry)?.nameText, '/$bunfs/root/app-esm');
    assert.ok(artifact.modules.every((m) => m.moduleInfo?.present && m.bytecode.present));
    assert.deepEqual(
      inspection.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
      [],
    );
    assert.deepEqual(
      inspection.diagnostics.filter((d) => d.code === 'record-omits-star-export').map((d) => d.severity),
      ['info'],
    );
  });
  test('Bun 1.3.6: a CommonJS executable with 36-byte module records', async () => {
    const { exe } = compileCjsApp('1.3.6');
    const inspection = await inspectFile(exe, cacheVersionOf('1.3.6'));
    const artifact = inspection.artifact as ExecutableFile;
    assert.equal(artifact.container.kind, 'appended');
    assert.equal(artifact.recordSize, 36);
    assert.equal(artifact.modules.length, 1);
    assert.equal(artifact.modules[0]!.format.name, 'cjs');
    assert.equal(inspection.modules[0]?.jsc?.cacheVersion.value, 0x188ee0b9);
    assert.deepEqual(
      inspection.diagnostics.filter((d) => d.severity !== 'info'),
      [],
    );
  });
});
