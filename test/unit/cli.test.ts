import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scratchDir } from '../support/scratch';

// Runs the built CLI (npm test builds first), as a user would, without a shell.
const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'bin/bmes.js');
const sample = (name: string) => join(ROOT, 'samples', name);
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const PAYLOAD = join(ROOT, 'test/fixtures/jsc/bun-1.4.4-esm/module.bytecode');
/** Every record key of 'dump --json', empty. */
const EMPTY = { requestedModules: [], importEntries: [], exportEntries: [], starExports: [], declaredVariables: [], lexicalVariables: [], codeFeatures: { bits: 0 } };

test('every module in extension/cli/commands/ is a registered command the usage text lists', () => {
  const help = run('--help');
  assert.equal(help.status, 0);
  const names = readdirSync(join(ROOT, 'extension/cli/commands'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3));
  assert.ok(names.length >= 4, names.join());
  for (const name of names) assert.match(help.stdout, new RegExp(`^  bmes ${name} `, 'm'), `${name} missing from the usage text`);
});

test('dump --json prints the documented shape for a valid v3 file', () => {
  const result = run('dump', sample('v3-bun-1.4.4-esm.bmes'), '--json');
  assert.equal(result.status, 0, result.stderr);
  const dump = JSON.parse(result.stdout);
  assert.deepEqual(Object.keys(dump), [
    'size',
    'header',
    'requestedModules',
    'importEntries',
    'exportEntries',
    'starExports',
    'declaredVariables',
    'lexicalVariables',
    'codeFeatures',
    'bytecode',
    'jsc',
    'diagnostics',
  ]);
  assert.equal(dump.header.magic, 0x424d4553);
  assert.equal(dump.header.version, 3);
  assert.equal(dump.header.bytecodeOffset % 8, 0);
  assert.equal(dump.header.bytecodeSize, 2216);
  assert.deepEqual(dump.requestedModules, [{ specifier: 'path', attributes: null }]);
  assert.deepEqual(dump.importEntries[0], { type: 'single', moduleRequest: 'path', importName: 'join', localName: 'join' });
  assert.deepEqual(dump.exportEntries[0], { type: 'local', exportName: 'entryName', moduleName: '', importName: '', localName: 'entryName' });
  assert.deepEqual(dump.lexicalVariables[0], { name: 'join', bits: 0x22, flags: ['const', 'imported'] });
  assert.deepEqual(dump.codeFeatures, { bits: 0x48, flags: ['this', 'arrowFunction'] });
  const payload = readFileSync(join(ROOT, 'test/fixtures/jsc/bun-1.4.4-esm/module.bytecode'));
  assert.equal(dump.bytecode.sha256, createHash('sha256').update(payload).digest('hex'));
  assert.deepEqual(dump.jsc, {
    layout: 'compact',
    cacheVersion: 0xf1f0ed26,
    tag: 1,
    payloadSize: 2216,
    sourceLength: 901,
    keyFlags: 0x27,
    keyHash: payload.readUInt32LE(36),
    sourceOrigin: null,
    hasEmbeddedSource: null,
  });
  assert.deepEqual(dump.diagnostics, []);
});

test('dump --json of v1 has null header offsets and variables, and the bytecode where it was found', () => {
  const result = run('dump', sample('v1-bun-1.4.4-esm.bmes'), '--json');
  assert.equal(result.status, 1);
  const dump = JSON.parse(result.stdout);
  assert.equal(dump.header.bytecodeOffset, null);
  assert.equal(dump.header.bytecodeSize, null);
  assert.equal(dump.declaredVariables, null);
  assert.equal(dump.codeFeatures, null);
  assert.equal(dump.bytecode.size, 2216);
  assert.equal(dump.bytecode.offset + dump.bytecode.size, dump.size);
  assert.equal(dump.diagnostics[0].code, 'legacy-version');
  assert.equal(dump.diagnostics[0].severity, 'error');
});

test('check prints file:0xOFFSET: severity code: message and exits by severity', () => {
  const clean = run('check', sample('v3-tiny.bmes'), '--quiet');
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, '');
  const warned = run('check', sample('corrupt-trailing-bytes.bmes'));
  assert.equal(warned.status, 0);
  assert.match(warned.stdout, /^.*corrupt-trailing-bytes\.bmes:0xa00: warning trailing-bytes: .+$/m);
  const failed = run('check', sample('v3-tiny.bmes'), sample('corrupt-bad-magic.bmes'));
  assert.equal(failed.status, 1);
  assert.match(failed.stdout, /corrupt-bad-magic\.bmes:0x0: error bad-magic: /);
});

test('check applies --source and --expect-jsc-version', () => {
  const ok = run('check', sample('v3-bun-1.4.4-esm.bmes'), '--source', sample('v3-bun-1.4.4-esm.js'), '--expect-jsc-version', '0xF1F0ED26');
  assert.equal(ok.status, 0, ok.stdout);
  const stale = run('check', sample('v3-bun-1.4.4-esm.bmes'), '--source', sample('corrupt-source-mismatch.js'), '--expect-jsc-version', '188ee0b9');
  assert.equal(stale.status, 1);
  assert.match(stale.stdout, /: error jsc-version-mismatch: /);
  assert.match(stale.stdout, /: error source-mismatch: .*901.*906/);
});

test('usage and I/O errors exit 2, and win over errors found in other files', () => {
  assert.equal(run('check').status, 2);
  assert.equal(run('frobnicate').status, 2);
  assert.equal(run('check', sample('v3-tiny.bmes'), '--expect-jsc-version', 'xyz').status, 2);
  const mixed = run('check', sample('corrupt-bad-magic.bmes'), join(ROOT, 'no-such-file.bmes'));
  assert.equal(mixed.status, 2);
  assert.match(mixed.stdout, /bad-magic/);
  assert.match(mixed.stderr, /cannot read/);
  assert.equal(run('dump', join(ROOT, 'no-such-file.bmes')).status, 2);
});

test('hex dumps the asked range with offsets and ASCII', () => {
  const result = run('hex', sample('v3-tiny.bmes'), '--offset', '0x10', '--length', '20');
  assert.equal(result.status, 0);
  const lines = result.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^00000010: 0200 0000 0900 0000 6e6f 6465 3a6d 6f64 {2}\.\.\.\.\.\.\.\.node:mod$/);
  assert.match(lines[1]!, /^00000020: 3000 0000 /);
});

test('encode turns a dump back into the same bytes, for every version', () => {
  const dir = scratchDir('bmes-cli-');
  const payload = join(ROOT, 'test/fixtures/jsc/bun-1.4.4-esm/module.bytecode');
  for (const [name, version] of [
    ['v3-bun-1.4.4-esm.bmes', '3'],
    ['v2-bun-1.4.4-esm.bmes', '2'],
    ['v1-bun-1.4.4-esm.bmes', '1'],
  ] as const) {
    const json = join(dir, `${name}.json`);
    writeFileSync(json, run('dump', sample(name), '--json').stdout);
    const out = join(dir, name);
    const result = run('encode', json, '--bytecode', payload, '--output', out, '--version', version);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(readFileSync(out).equals(readFileSync(sample(name))), name);
  }
});

test('strings from the file cannot drive the terminal', () => {
  const dir = scratchDir('bmes-cli-');
  const json = join(dir, 'hostile.json');
  const hostile = '\u001b]0;pwned\u0007\u001b[2J<img src=x onerror=alert(1)>';
  const bidi = 'admin\u202e\u2066gnp.exe\u2069\u200f';
  writeFileSync(
    json,
    JSON.stringify({
      ...EMPTY,
      requestedModules: [
        { specifier: hostile, attributes: null },
        { specifier: bidi, attributes: null },
      ],
    }),
  );
  const out = join(dir, 'hostile.bmes');
  assert.equal(run('encode', json, '--bytecode', join(ROOT, 'test/fixtures/jsc/bun-1.4.4-esm/module.bytecode'), '--output', out).status, 0);
  const text = run('dump', out).stdout;
  assert.ok(!text.includes('\u001b'), 'escape character printed raw');
  assert.ok(text.includes('\\u001b]0;pwned\\u0007\\u001b[2J<img src=x onerror=alert(1)>'));
  // Bidirectional controls reorder what a terminal shows ("Trojan Source"): escaped, like control characters.
  assert.ok(!/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(text), 'bidi control printed raw');
  assert.ok(text.includes('admin\\u202e\\u2066gnp.exe\\u2069\\u200f'));
  const checked = run('check', out).stdout;
  // Control characters other than the line ends, and bidi controls.
  assert.ok(!/(?![\n])[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(checked));
});

test('a reader that goes away ends the output quietly, with status 0 (no EPIPE trace)', () => {
  for (const command of [
    `hex "${sample('v3-medium.bmes')}" --length 100000000`,
    `check ${Array(400)
      .fill(`"${sample('corrupt-trailing-bytes.bmes')}"`)
      .join(' ')}`,
  ]) {
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" ${command} | head -n 1; echo "status=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    assert.equal(piped.stdout.split('\n').length, 2, piped.stdout);
    assert.equal(piped.stderr, 'status=0\n', command.slice(0, 20));
  }
});

test('a usage error is one line that says where to look; every command has --help; --version', () => {
  const cases: [string[], string][] = [
    [['frobnicate'], `bmes: unknown command "frobnicate"; see 'bmes --help'`],
    [['--frobnicate'], `bmes: unknown option --frobnicate; see 'bmes --help'`],
    [['dump', 'a', 'b'], `bmes: dump takes exactly one file; see 'bmes dump --help'`],
    [['check', '--frob', sample('v3-tiny.bmes')], `bmes: unknown option --frob; see 'bmes check --help'`],
    [['check', sample('v3-tiny.bmes'), '--expect-jsc-version', 'xyz'], `bmes: --expect-jsc-version must be a hex number of up to 8 digits, got "xyz"; see 'bmes check --help'`],
    [['hex', sample('v3-tiny.bmes'), '--offset', '-1'], `bmes: --offset must be a number (decimal or 0x…), got "-1"; see 'bmes hex --help'`],
    [['encode', 'x.json'], `bmes: encode needs --bytecode and --output; see 'bmes encode --help'`],
    [['help', 'frobnicate'], `bmes: unknown command "frobnicate"; see 'bmes --help'`],
  ];
  for (const [args, line] of cases) {
    const result = run(...args);
    assert.equal(result.status, 2, args.join(' '));
    assert.equal(result.stderr, line + '\n', args.join(' '));
    assert.equal(result.stdout, '');
  }
  const help = run('--help');
  for (const name of ['dump', 'check', 'hex', 'encode']) {
    for (const args of [
      [name, '--help'],
      [name, '-h'],
      ['help', name],
      [name, sample('v3-tiny.bmes'), '--help'],
    ]) {
      const result = run(...args);
      assert.equal(result.status, 0, args.join(' '));
      assert.match(result.stdout, new RegExp(`^Usage: bmes ${name} .+\\n\\n.+\\n[\\s\\S]*Exit status: `), args.join(' '));
    }
    assert.ok(help.stdout.includes(`bmes ${name} `));
  }
  // After '--', '--help' is a file name.
  assert.match(run('check', '--', '--help').stderr, /cannot read --help/);
  const version = run('--version');
  assert.equal(version.status, 0);
  assert.equal(version.stdout, `bmes ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  // No arguments: the usage on stderr, status 2, as a usage error.
  const bare = run();
  assert.equal(bare.status, 2);
  assert.equal(bare.stdout, '');
  assert.equal(bare.stderr, help.stdout);
});

test('check ends with a summary line (files, with errors, with warnings, what was not checked); --quiet drops it, --verbose lists every file', () => {
  const files = [sample('v3-tiny.bmes'), sample('corrupt-trailing-bytes.bmes'), sample('corrupt-bad-magic.bmes')];
  const plain = run('check', ...files);
  assert.equal(plain.status, 1);
  const lines = plain.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), '3 files checked: 1 with errors, 1 with warnings; cache version not checked: no --expect-jsc-version given; source not checked: no --source given.');
  assert.equal(lines.length, 3);
  assert.equal(run('check', ...files, '--quiet').stdout, lines.slice(0, -1).join('\n') + '\n');

  const source = ['--source', sample('v3-bun-1.4.4-esm.js'), '--expect-jsc-version', 'f1f0ed26'];
  const one = run('check', sample('v3-bun-1.4.4-esm.bmes'), ...source);
  assert.equal(one.status, 0);
  assert.equal(one.stdout.trimEnd().split('\n').at(-1), '1 file checked: 0 with errors, 0 with warnings.');
  const verbose = run('check', sample('v3-bun-1.4.4-esm.bmes'), sample('corrupt-jsc-version-mismatch.bmes'), ...source, '--verbose');
  const verboseLines = verbose.stdout.trimEnd().split('\n');
  assert.deepEqual(
    verboseLines.filter((l) => !/:0x[0-9a-f]+: /.test(l)),
    [
      `${sample('v3-bun-1.4.4-esm.bmes')}: Bun will use the bytecode and the module record. No problems: the file is exactly what Bun's writer produces.`,
      `${sample('corrupt-jsc-version-mismatch.bmes')}: Module record only: the bytecode is rejected. 1 error.`,
      '2 files checked: 1 with errors, 0 with warnings.',
    ],
  );
  assert.ok(verboseLines.some((l) => l.startsWith(`${sample('corrupt-jsc-version-mismatch.bmes')}:0x`) && l.includes(': error jsc-version-mismatch: ')));
  const unreadable = run('check', sample('v3-tiny.bmes'), join(ROOT, 'no-such-file.bmes'));
  assert.equal(unreadable.status, 2);
  assert.equal(
    unreadable.stdout.trimEnd().split('\n').at(-1),
    '2 files checked: 0 with errors, 0 with warnings, 1 unreadable; cache version not checked: no --expect-jsc-version given; source not checked: no --source given.',
  );
  assert.equal(run('check', sample('v3-tiny.bmes'), '--quiet', '--verbose').status, 2);
});

test('hex: rows start at multiples of 16; an offset past the end or an empty file is an error', () => {
  const result = run('hex', sample('v3-tiny.bmes'), '--offset', '0x13', '--length', '20');
  assert.equal(result.status, 0);
  assert.deepEqual(result.stdout.trimEnd().split('\n'), [
    '00000010:        00 0900 0000 6e6f 6465 3a6d 6f64     .....node:mod',
    '00000020: 3000 0000 0011 00                        0......',
  ]);
  const size = readFileSync(sample('v3-tiny.bmes')).length;
  const last = run('hex', sample('v3-tiny.bmes'), '--offset', String(size - 1));
  assert.equal(last.status, 0);
  assert.match(last.stdout, new RegExp(`^0000${(size - 1 - ((size - 1) % 16)).toString(16)}: `));
  const past = run('hex', sample('v3-tiny.bmes'), '--offset', String(size));
  assert.equal(past.status, 2);
  assert.equal(past.stdout, '');
  assert.match(past.stderr, /^bmes: --offset 0x[0-9a-f]+ is past the end of .*v3-tiny\.bmes \(\d+ bytes, last offset 0x[0-9a-f]+\)\n$/);
  const dir = scratchDir('bmes-cli-');
  writeFileSync(join(dir, 'empty.bmes'), '');
  const empty = run('hex', join(dir, 'empty.bmes'));
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /empty\.bmes is empty/);
});

test('encode rejects unknown and missing keys with their JSON path', () => {
  const dir = scratchDir('bmes-cli-');
  const dump = JSON.parse(run('dump', sample('v3-bun-1.4.4-esm.bmes'), '--json').stdout);
  const cases: [unknown, string][] = [
    [{ ...dump, importEntries: [{ ...dump.importEntries[0], locaName: 'x' }] }, '$.importEntries[0].locaName: unknown key'],
    [{ ...dump, exportEntries: [{ ...dump.exportEntries[0], localName: undefined }] }, '$.exportEntries[0].localName: missing'],
    [{ ...dump, starExports: undefined }, '$.starExports: missing'],
    [{ ...dump, requestedModule: [] }, '$.requestedModule: unknown key'],
    [{ ...dump, requestedModules: [{ specifier: 'a', attributes: [{ key: 'type' }] }] }, '$.requestedModules[0].attributes[0].value: missing'],
    [{ ...dump, lexicalVariables: [{ name: 'x', bits: 1, flag: [] }] }, '$.lexicalVariables[0].flag: unknown key'],
    [{ ...dump, codeFeatures: {} }, '$.codeFeatures.bits: missing'],
  ];
  for (const [record, path] of cases) {
    const json = join(dir, 'record.json');
    writeFileSync(json, JSON.stringify(record));
    const result = run('encode', json, '--bytecode', PAYLOAD, '--output', join(dir, 'out.bmes'));
    assert.equal(result.status, 2, path);
    assert.ok(result.stderr.startsWith(`bmes: ${json}: ${path}`), `${path}: ${result.stderr}`);
    assert.equal(result.stderr.split('\n').length, 2, 'one line');
  }
});

test('text output: one case of hex digits, and singular counts ("1 byte", "1 entry")', () => {
  for (const name of readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.bmes'))) {
    const text = run('dump', sample(name)).stdout + run('check', sample(name), '--verbose').stdout;
    assert.doesNotMatch(text, /\b0x[0-9a-f]*[A-F][0-9a-fA-F]*\b/, `${name}: upper-case 0x value`);
    assert.doesNotMatch(text, /\bbytes? (?:[0-9a-f]{2} )*[0-9a-f]?[A-F]/, `${name}: upper-case byte list`);
    assert.doesNotMatch(text, /(?<![\d.,x-])1 (bytes|entries|errors|warnings|notes|files|records|code units)\b/, `${name}: "1 …s"`);
  }
});
