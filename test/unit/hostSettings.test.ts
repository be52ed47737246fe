/**
 * The settings as the host reads them (defaults, wrong types, the JSC version forms) and as package.json
 * declares them: one prefix, a description for each, the same defaults, restricted where they execute, and
 * the command and menu contributions of the debugging half.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_TIMEOUT_SECONDS, parseJscSetting, readSettings, SETTINGS_SECTION } from '../../extension/host/settings';
import { DEFAULT_SOURCE_RULES } from '../../extension/regenerate';

const ROOT = join(__dirname, '../..');
interface Property {
  default?: unknown;
  markdownDescription?: string;
  description?: string;
}
interface Menu {
  command: string;
  when?: string;
  group?: string;
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    configuration: { properties: Record<string, Property> };
    commands: { command: string; title: string; category: string; icon?: string }[];
    menus: Record<string, Menu[]>;
    languages: { id: string }[];
    grammars: { language: string; path: string }[];
  };
};
const properties = manifest.contributes.configuration.properties;
const fromMap = (values: Record<string, unknown>) => (key: string) => values[key];

test('parseJscSetting: auto, hex with or without 0x, empty to skip, anything else invalid', () => {
  assert.deepEqual(parseJscSetting('auto'), { kind: 'auto' });
  assert.deepEqual(parseJscSetting(' AUTO '), { kind: 'auto' });
  assert.deepEqual(parseJscSetting(undefined), { kind: 'auto' });
  assert.deepEqual(parseJscSetting('0xF1F0ED26'), { kind: 'hex', value: 0xf1f0ed26 });
  assert.deepEqual(parseJscSetting('188ee0b9'), { kind: 'hex', value: 0x188ee0b9 });
  assert.deepEqual(parseJscSetting(''), { kind: 'skip' });
  assert.deepEqual(parseJscSetting('0x1234567890'), { kind: 'invalid', text: '0x1234567890' });
  assert.deepEqual(parseJscSetting('latest'), { kind: 'invalid', text: 'latest' });
  assert.deepEqual(parseJscSetting(42), { kind: 'invalid', text: '42' });
});

test('readSettings: the defaults when nothing is set', () => {
  const s = readSettings(() => undefined);
  assert.equal(s.bunPath, 'bun');
  assert.equal(s.expectedVersion, 3);
  assert.deepEqual(s.expectedJsc, { kind: 'auto' });
  assert.deepEqual(s.sourceRules, DEFAULT_SOURCE_RULES);
  assert.equal(s.generatorCommand, null);
  assert.equal(s.generatorTimeoutMs, DEFAULT_TIMEOUT_SECONDS * 1000);
  assert.deepEqual(s.problems, []);
});

test('readSettings: the defaults package.json declares read as the built-in defaults', () => {
  const defaults = Object.fromEntries(Object.entries(properties).map(([k, p]) => [k.slice(SETTINGS_SECTION.length + 1), p.default]));
  assert.deepEqual(
    readSettings(fromMap(defaults)),
    readSettings(() => undefined),
  );
});

test('readSettings: values are used; wrong ones fall back to the default and are described', () => {
  const good = readSettings(
    fromMap({
      bunPath: ' ~/.bun/bin/bun ',
      expectedVersion: 2,
      expectedJscVersion: '0x188EE0B9',
      sourcePatterns: [{ cache: '*.cache', sources: ['../src/*.ts'] }],
      generatorCommand: ['${bun}', 'gen.ts', '${source}', '${output}'],
      generatorTimeoutSeconds: 2.5,
    }),
  );
  assert.equal(good.bunPath, '~/.bun/bin/bun');
  assert.equal(good.expectedVersion, 2);
  assert.deepEqual(good.expectedJsc, { kind: 'hex', value: 0x188ee0b9 });
  assert.deepEqual(good.sourceRules, [{ cache: '*.cache', sources: ['../src/*.ts'] }]);
  assert.deepEqual(good.generatorCommand, ['${bun}', 'gen.ts', '${source}', '${output}']);
  assert.equal(good.generatorTimeoutMs, 2500);
  assert.deepEqual(good.problems, []);

  const bad = readSettings(
    fromMap({
      bunPath: 7,
      expectedVersion: 2.5,
      expectedJscVersion: 'newest',
      sourcePatterns: [
        { cache: 'no-star', sources: ['x'] },
        { cache: '*.bmes', sources: ['*.js'] },
      ],
      generatorCommand: ['', '${output}'],
      generatorTimeoutSeconds: -1,
    }),
  );
  assert.equal(bad.bunPath, 'bun');
  assert.equal(bad.expectedVersion, 3);
  assert.equal(bad.expectedJsc.kind, 'invalid');
  assert.deepEqual(bad.sourceRules, [{ cache: '*.bmes', sources: ['*.js'] }], 'one bad rule does not disable the rest');
  assert.equal(bad.generatorCommand, null);
  assert.equal(bad.generatorTimeoutMs, DEFAULT_TIMEOUT_SECONDS * 1000);
  assert.equal(bad.problems.length, 6);
  for (const p of bad.problems) assert.match(p, /^bmesInspector\.\w+/);
  assert.equal(readSettings(fromMap({ generatorCommand: [] })).generatorCommand, null, 'an empty command means the shipped generator');
});

test('package.json: every setting under bmesInspector., described, and the executing ones restricted', () => {
  const keys = Object.keys(properties).sort();
  assert.deepEqual(
    keys,
    ['bunPath', 'expectedJscVersion', 'expectedVersion', 'generatorCommand', 'generatorTimeoutSeconds', 'sourcePatterns'].map((k) => `bmesInspector.${k}`),
  );
  for (const key of keys) assert.match(properties[key]!.markdownDescription ?? properties[key]!.description ?? '', /^%config\.\w+%$/, key);
  assert.deepEqual(properties['bmesInspector.sourcePatterns']!.default, DEFAULT_SOURCE_RULES);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), ['bmesInspector.bunPath', 'bmesInspector.generatorCommand']);
});

test('package.json: the three commands, where they show, and Regenerate hidden from menus when untrusted', () => {
  const commands = new Map(manifest.contributes.commands.map((c) => [c.command, c]));
  for (const id of ['bmesInspector.regenerateCache', 'bmesInspector.openAsText', 'bmesInspector.compareWith']) {
    assert.ok(commands.has(id), id);
    assert.equal(commands.get(id)!.category, '%command.category%');
    for (const menu of ['commandPalette', 'editor/title', 'explorer/context']) {
      assert.ok(
        manifest.contributes.menus[menu]!.some((m) => m.command === id),
        `${id} in ${menu}`,
      );
    }
  }
  assert.equal(commands.get('bmesInspector.regenerateCache')!.icon, '$(refresh)');
  const regenerate = (menu: string) => manifest.contributes.menus[menu]!.filter((m) => m.command === 'bmesInspector.regenerateCache');
  for (const menu of ['editor/title', 'explorer/context']) for (const m of regenerate(menu)) assert.match(m.when ?? '', /isWorkspaceTrusted/, menu);
  // In the palette it stays, so that running it in an untrusted workspace explains why it cannot run.
  for (const m of regenerate('commandPalette')) assert.doesNotMatch(m.when ?? '', /isWorkspaceTrusted/);
  assert.ok(
    regenerate('editor/title').some((m) => m.group?.startsWith('navigation')),
    'an icon in the title bar',
  );
  assert.ok(manifest.activationEvents.includes('onFileSystem:bmes-dump'), 'restored text views activate the extension');
  assert.deepEqual(
    manifest.contributes.languages.map((l) => l.id),
    ['bmes-dump'],
  );
  assert.equal(manifest.contributes.grammars[0]!.language, 'bmes-dump');
  assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!syntaxes\/\*\*$/m, 'the grammar is packaged');
});
