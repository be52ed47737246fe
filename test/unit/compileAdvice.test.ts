import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import type { ExecutableFile } from '../../extension/bunExecutable/model';
import { FileRangeSource } from '../../extension/node/fileSource';
import { compileAdvice, projectName } from '../../extension/regenerate/compileAdvice';
import { appFolder, bunBuild, compileCjsApp, compileEsmApp } from '../support/realBun';

// Each executable is about 100 MB: every folder built in is removed at the end.
const folders: string[] = [];
after(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});
const kept = <T extends { dir: string }>(built: T): T => {
  folders.push(built.dir);
  return built;
};

// Executables built at test time by released Bun; the advised flags are then built and checked to give every
// JavaScript module bytecode.

async function executable(path: string): Promise<ExecutableFile> {
  const source = await FileRangeSource.open(path);
  try {
    const { artifact } = await decodeArtifactFrom(source);
    assert.equal(artifact.kind, 'executable');
    return artifact as ExecutableFile;
  } finally {
    await source.close();
  }
}

for (const version of ['1.4.5', '1.3.14']) {
  test(`Bun ${version}: the advice for an ESM app gives every module bytecode when built`, async () => {
    const { exe } = kept(compileEsmApp(version));
    const advice = compileAdvice(await executable(exe), version);
    assert.deepEqual(advice.flags, ['--compile', '--bytecode', '--format=esm', '--splitting']);
    assert.deepEqual(advice.missingBytecode, []);
    assert.equal(advice.command, 'bun build --compile --bytecode --format=esm --splitting <your entry file> --outfile app-esm');
    assert.match(advice.text, /rebuilt by your own build/);
    assert.doesNotMatch(advice.text, /cannot write ESM bytecode/);

    // The same app built without bytecode: the advice names the modules that lack it, and its flags fix that.
    const { dir } = kept({ dir: appFolder() });
    bunBuild(version, dir, ['--compile', '--format=esm', '--splitting', 'entry.js', '--outfile', 'plain']);
    const without = compileAdvice(await executable(join(dir, 'plain')), version);
    assert.ok(without.missingBytecode.length >= 2, without.text);
    assert.ok(without.missingBytecode.includes('plain'), without.missingBytecode.join());
    assert.match(without.text, new RegExp(`${without.missingBytecode.length} of its \\d+ JavaScript modules have no bytecode`));
    bunBuild(version, dir, [...without.flags, 'entry.js', '--outfile', 'rebuilt']);
    assert.deepEqual(compileAdvice(await executable(join(dir, 'rebuilt')), version).missingBytecode, []);
  });
}

test('CommonJS apps need only --bytecode; an old configured Bun is told it cannot write ESM bytecode', async () => {
  const cjs = compileAdvice(await executable(kept(compileCjsApp('1.3.14')).exe));
  assert.deepEqual(cjs.flags, ['--compile', '--bytecode']);
  assert.match(cjs.command, /--outfile app-cjs$/);
  const esm = compileAdvice(await executable(kept(compileEsmApp('1.4.5')).exe), '1.3.6');
  assert.match(esm.text, /The configured Bun 1\.3\.6 cannot write ESM bytecode/);
  assert.equal(projectName('B:/~BUN/root/app.exe'), 'app.exe');
  assert.equal(projectName('/$bunfs/root/chunk-1.js'), 'chunk-1.js');
});
