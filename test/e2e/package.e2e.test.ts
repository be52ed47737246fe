/**
 * The packaged extension (`npm run package`, scripts/package.mjs) as a user installs it: exactly the files that
 * run, nothing else (no sources, maps, tests or node_modules), a production build, and a complete manifest.
 * Reads the .vsix (a zip) with a small central-directory reader, so nothing outside Node is needed. Prints the
 * size of the package and of each file.
 * Needs scripts/e2e-setup.sh (npm run test:e2e runs it first; it packages).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { ROOT, VSIX } from './support/paths';

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** The central directory of a zip file (no zip64: a .vsix is far below 4 GB). */
function zipEntries(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'the .vsix is a zip file (end of central directory found)');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, `central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function zipRead(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  assert.equal(zip.readUInt32LE(at), 0x04034b50, `local header of ${entry.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  const content = entry.method === 0 ? data : entry.method === 8 ? inflateRawSync(data) : assert.fail(`${entry.name}: compression method ${entry.method}`);
  assert.equal(content.length, entry.size, `${entry.name}: size`);
  return content;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe('the packaged extension (.vsix)', () => {
  assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package (npm run test:e2e does)`);
  const zip = readFileSync(VSIX);
  const entries = zipEntries(zip);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const read = (name: string) => {
    const entry = byName.get(name);
    assert.ok(entry, `${name} is in the package`);
    return zipRead(zip, entry);
  };
  const json = <T>(name: string) => JSON.parse(read(name).toString('utf8')) as T;

  test('holds exactly the files that run, and reports its size', () => {
    // Translations added to l10n/ must ship too: the expected list follows the folder.
    const l10n = readdirSync(join(ROOT, 'l10n')).map((name) => `extension/l10n/${name}`);
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/media/icon.png',
      'extension/syntaxes/bmes-dump.tmLanguage.json',
      ...l10n,
      'extension/dist/extension.js',
      'extension/dist/webview.js',
      'extension/dist/webviewToolkit.js',
      'extension/dist/bmes-generator.mjs',
      'extension/dist/codicon.css',
      'extension/dist/codicon.ttf',
    ].sort();
    const names = entries.map((e) => e.name).sort();
    assert.deepEqual(names, expected, 'the .vsix lists exactly these files (see .vscodeignore)');
    for (const name of names) {
      assert.doesNotMatch(name, /\.map$|node_modules|\.tsx?$|^extension\/(test|extension|webview|scripts|samples)\//, name);
    }
    const size = statSync(VSIX).size;
    const unpacked = entries.reduce((sum, e) => sum + e.size, 0);
    console.log(`# ${VSIX.slice(ROOT.length)}: ${kb(size)} (${entries.length} files, ${kb(unpacked)} unpacked)`);
    for (const e of [...entries].sort((a, b) => b.size - a.size)) console.log(`#   ${e.name.padEnd(46)} ${kb(e.size).padStart(9)}`);
    assert.ok(size < 1024 * 1024, `the .vsix is ${kb(size)}: more than 1 MB means something unexpected went in`);
  });

  test('the bundles are a production build: minified, no source maps, no development React', () => {
    for (const name of ['extension/dist/extension.js', 'extension/dist/webview.js', 'extension/dist/webviewToolkit.js', 'extension/dist/bmes-generator.mjs']) {
      const text = read(name).toString('utf8');
      assert.doesNotMatch(text, /sourceMappingURL/, `${name} points at no source map`);
      // Minified: nearly all of the code is on long lines (template literals keep their line breaks).
      const onLongLines = text.split('\n').reduce((sum, line) => sum + (line.length >= 1000 ? line.length : 0), 0);
      assert.ok(onLongLines / text.length > 0.8, `${name} is minified (${((100 * onLongLines) / text.length).toFixed(0)}% on long lines)`);
    }
    const webview = read('extension/dist/webview.js').toString('utf8');
    assert.doesNotMatch(webview, /react-dom\.development|\bcheckPropTypes\b/, 'the webview bundles React for production');
    // The toolkit's elements (FAST) are the second bundle's, loaded after the first paint: not in the page's own script.
    assert.doesNotMatch(webview, /\$fastController/, 'webview.js leaves the toolkit to webviewToolkit.js');
    assert.match(read('extension/dist/webviewToolkit.js').toString('utf8'), /\$fastController/, 'webviewToolkit.js holds the toolkit');
    // The extension loads nothing at run time from node_modules: only `vscode` and Node's own modules.
    const extension = read('extension/dist/extension.js').toString('utf8');
    const required = new Set([...extension.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
    assert.ok(required.has('vscode'));
    for (const id of required) assert.ok(id === 'vscode' || builtinModules.includes(id.replace(/^node:/, '')), `require("${id}") is vscode or a Node built-in`);
  });

  test('the manifest is complete: identity, icon, license, engine, capabilities, commands, menus, settings, l10n', () => {
    interface Command {
      command: string;
      title: string;
      category?: string;
      icon?: string;
    }
    interface MenuItem {
      command: string;
      when?: string;
      group?: string;
    }
    /** The parts of a manifest this test reads; the rest stays unknown. */
    interface Manifest {
      readonly [key: string]: unknown;
      readonly categories: string[];
      readonly engines?: { readonly vscode?: string };
      readonly capabilities: {
        readonly untrustedWorkspaces: { readonly supported: string; readonly description: string; readonly restrictedConfigurations: string[] };
        readonly virtualWorkspaces: { readonly supported: string; readonly description: string };
      };
      readonly contributes: {
        readonly commands: unknown;
        readonly menus: unknown;
        readonly keybindings?: unknown;
        readonly customEditors: unknown;
        readonly configuration: { readonly title: string; readonly properties: unknown };
        readonly grammars: unknown;
      };
      readonly devDependencies: Record<string, string>;
    }
    const manifest = json<Manifest>('extension/package.json');
    const nls = json<Record<string, string>>('extension/package.nls.json');
    const source = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
    const text = (value: unknown) => {
      assert.equal(typeof value, 'string');
      const match = /^%(.+)%$/.exec(value as string);
      const resolved = match ? nls[match[1]!] : (value as string);
      assert.ok(resolved && resolved.trim().length > 0, `${String(value)} resolves to a text`);
      return resolved;
    };

    // Every %key% anywhere in the manifest has its text.
    const keys = [...JSON.stringify(manifest).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!);
    assert.ok(keys.length > 10);
    for (const key of keys) assert.ok(typeof nls[key] === 'string' && nls[key]!.length > 0, `package.nls.json has "${key}"`);

    assert.equal(manifest['name'], source['name']);
    assert.equal(manifest['version'], source['version']);
    assert.equal(manifest['publisher'], 'bmes-inspector');
    assert.equal(text(manifest['displayName']), 'BMES Inspector');
    assert.match(text(manifest['description']), /Bun/);
    assert.ok(Array.isArray(manifest['categories']) && manifest['categories'].length > 0);
    const known = [
      'Azure',
      'Data Science',
      'Debuggers',
      'Education',
      'Extension Packs',
      'Formatters',
      'Keymaps',
      'Language Packs',
      'Linters',
      'Machine Learning',
      'Notebooks',
      'Programming Languages',
      'SCM Providers',
      'Snippets',
      'Testing',
      'Themes',
      'Visualization',
      'Other',
    ];
    for (const category of manifest['categories'] as string[]) assert.ok(known.includes(category), `category ${category}`);

    assert.equal(manifest['icon'], 'media/icon.png');
    const icon = read('extension/media/icon.png');
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'the icon is at least 128×128');
    assert.equal(manifest['license'], 'MIT');
    assert.match(read('extension/LICENSE.txt').toString('utf8'), /MIT License/);
    // There is no public repository to name (the package is made with --allow-missing-repository).
    assert.equal(manifest['repository'], undefined);

    const engine = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(manifest['engines']?.['vscode'] ?? '');
    assert.ok(engine, `engines.vscode ${manifest['engines']?.['vscode']}`);
    assert.equal(`${engine[1]}.${engine[2]}.${engine[3]}`, source['devDependencies']['@types/vscode'], 'the engine is the API version the code is typed against');
    assert.equal(manifest['main'], './dist/extension.js');
    assert.ok(byName.has('extension/dist/extension.js'));

    const capabilities = manifest['capabilities'];
    assert.equal(capabilities.untrustedWorkspaces.supported, 'limited');
    text(capabilities.untrustedWorkspaces.description);
    assert.deepEqual([...capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), ['bmesInspector.bunPath', 'bmesInspector.generatorCommand']);
    assert.equal(capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(text(capabilities.virtualWorkspaces.description), /regenerat/i);

    const contributes = manifest['contributes'];
    const commands = contributes.commands as Command[];
    /** The commands on a cache file (Explorer menu); the others act in the inspector (e.g. Go to Offset…). */
    const fileCommands = ['bmesInspector.compareWith', 'bmesInspector.openAsText', 'bmesInspector.openInInspector', 'bmesInspector.regenerateCache'];
    for (const id of fileCommands)
      assert.ok(
        commands.some((c) => c.command === id),
        `${id} is contributed`,
      );
    for (const c of commands) {
      text(c.title);
      assert.equal(text(c.category), 'BMES', `${c.command}: category`);
      assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, `${c.command}: a codicon`);
    }
    const menus = contributes.menus as Record<string, MenuItem[]>;
    const ids = new Set(commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(menus)) {
      for (const item of items) {
        assert.ok(ids.has(item.command), `${menu}: ${item.command} is contributed`);
        if (menu !== 'commandPalette') assert.ok(item.when, `${menu}: ${item.command} has a when clause`);
      }
    }
    const when = (menu: string, command: string) => menus[menu]!.find((m) => m.command === command)?.when ?? '';
    for (const menu of ['editor/title', 'explorer/context']) {
      assert.match(when(menu, 'bmesInspector.regenerateCache'), /isWorkspaceTrusted/, `${menu}: Regenerate only where it can run`);
      assert.match(when(menu, 'bmesInspector.regenerateCache'), /!virtualWorkspace/, `${menu}: no Regenerate in a virtual workspace`);
    }
    assert.deepEqual(menus['explorer/context']!.map((m) => m.command).sort(), fileCommands, 'the file commands in the Explorer menu of a .bmes file');
    // A command that needs the inspector is offered only there.
    for (const c of commands) {
      if (fileCommands.includes(c.command)) continue;
      assert.match(when('commandPalette', c.command), /activeCustomEditorId == bmesInspector\.editor/, `${c.command}: only in the inspector`);
    }
    for (const k of (contributes.keybindings ?? []) as { command: string; when?: string }[]) {
      assert.ok(ids.has(k.command), `keybinding: ${k.command} is contributed`);
      assert.ok(k.when, `keybinding for ${k.command} has a when clause`);
    }
    assert.match(when('commandPalette', 'bmesInspector.regenerateCache'), /!virtualWorkspace/);
    assert.match(when('commandPalette', 'bmesInspector.openInInspector'), /resourceSet/);

    const editors = contributes.customEditors as { viewType: string; displayName: string }[];
    assert.deepEqual(
      editors.map((e) => e.viewType),
      ['bmesInspector.editor', 'bmesInspector.anyFile'],
    );
    for (const e of editors) text(e.displayName);

    const properties = contributes.configuration.properties as Record<string, { default?: unknown; markdownDescription?: string; description?: string }>;
    assert.deepEqual(Object.keys(properties).sort(), [
      'bmesInspector.bunPath',
      'bmesInspector.expectedJscVersion',
      'bmesInspector.expectedVersion',
      'bmesInspector.generatorCommand',
      'bmesInspector.generatorTimeoutSeconds',
      'bmesInspector.sourcePatterns',
    ]);
    for (const [key, p] of Object.entries(properties)) {
      assert.ok('default' in p, `${key}: a default`);
      text(p.markdownDescription ?? p.description);
    }
    text(contributes.configuration.title);

    assert.equal(manifest['l10n'], './l10n');
    const bundle = json<Record<string, unknown>>('extension/l10n/bundle.l10n.json');
    assert.ok(Object.keys(bundle).length > 10);
    for (const [key, value] of Object.entries(bundle)) assert.equal(typeof value === 'string' ? 'string' : typeof (value as { message?: unknown }).message, 'string', key);

    const grammar = (contributes.grammars as { path: string }[])[0]!;
    assert.ok(byName.has(`extension/${grammar.path.replace(/^\.\//, '')}`), 'the grammar ships');
    const vsixManifest = read('extension.vsixmanifest').toString('utf8');
    assert.match(vsixManifest, /<Icon>extension\/media\/icon\.png<\/Icon>/);
    assert.match(vsixManifest, /<License>extension\/LICENSE\.txt<\/License>/);
  });
});
