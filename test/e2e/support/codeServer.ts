/**
 * A throwaway code-server: its own config, user data, extensions and XDG folders under one temporary folder,
 * the packaged extension installed, started in its own process group and stopped by that group.
 * Recipe: ../shared/notes/real-vscode-e2e.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { CODE_SERVER, NODE24_BIN, RESULTS, VSIX } from './paths';
import { waitFor } from './wait';

/** The settings from the e2e notes, shared with `npm start`. */
const USER_SETTINGS = JSON.parse(readFileSync(join(__dirname, '../../../scripts/code-server-settings.json'), 'utf8')) as Record<string, unknown>;

export interface CodeServerOptions {
  /** Files to copy into the workspace folder: [source path, name in the workspace]. */
  readonly files: readonly (readonly [string, string])[];
  /** Workspace trust stays on unless this is false (the untrusted scenarios need it on). */
  readonly trustWorkspace?: boolean;
  /** Added to the user settings. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Written to the workspace's .vscode/settings.json before the workbench opens it. */
  readonly workspaceSettings?: Readonly<Record<string, unknown>>;
  /** Other extensions' .vsix files to install beside the inspector (the editor bench's Hex Editor). */
  readonly extraExtensions?: readonly string[];
}

export interface CodeServer {
  readonly url: string;
  readonly workspace: string;
  /** Throwaway folder for the browser's profile and XDG folders. */
  readonly scratch: string;
  readonly env: NodeJS.ProcessEnv;
  /** Replaces the workspace's .vscode/settings.json (VS Code picks the change up from disk). */
  writeWorkspaceSettings(settings: Readonly<Record<string, unknown>>): void;
  /** The extension's "BMES Inspector" log so far ('' before the extension has written anything). */
  extensionLog(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

function requireSetup(): void {
  for (const path of [CODE_SERVER, join(NODE24_BIN, 'node'), VSIX]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/e2e-setup.sh (npm run test:e2e does)`);
  }
}

/** Kills a process group: TERM, then KILL if it has not exited within `graceMs`. */
async function killGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
  // Children that outlive code-server itself (extension hosts) share its group.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is empty
  }
}

/** The files of the extension's LogOutputChannel ("BMES Inspector"), one per extension host session. */
function extensionLogFiles(userData: string): string[] {
  const logs = join(userData, 'logs');
  if (!existsSync(logs)) return [];
  return readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('BMES Inspector.log'))
    .map((entry) => join(logs, entry));
}

/** Keeps the extension's log next to the screenshots, named after the suite. */
function saveExtensionLog(userData: string, name: string): void {
  for (const file of extensionLogFiles(userData)) copyFileSync(file, join(RESULTS, name));
}

/** `logName`: the file name the extension's log is saved under in test-results/e2e/ when the server stops. */
export async function startCodeServer(options: CodeServerOptions, logName = 'bmes-inspector.log'): Promise<CodeServer> {
  requireSetup();
  const scratch = mkdtempSync(join(tmpdir(), 'bmes-e2e-'));
  const dirs = {
    userData: join(scratch, 'user-data'),
    extensions: join(scratch, 'extensions'),
    workspace: join(scratch, 'workspace'),
    xdgConfig: join(scratch, 'xdg-config'),
    xdgData: join(scratch, 'xdg-data'),
    xdgCache: join(scratch, 'xdg-cache'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User/settings.json'), JSON.stringify({ ...USER_SETTINGS, ...options.userSettings }, null, 2));
  for (const [from, name] of options.files) copyFileSync(from, join(dirs.workspace, name));
  const writeWorkspaceSettings = (settings: Readonly<Record<string, unknown>>) => {
    mkdirSync(join(dirs.workspace, '.vscode'), { recursive: true });
    writeFileSync(join(dirs.workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
  };
  if (options.workspaceSettings) writeWorkspaceSettings(options.workspaceSettings);
  const port = await freePort();
  const config = join(scratch, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env['PATH'] ?? ''}`,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
  const common = ['--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  for (const vsix of [VSIX, ...(options.extraExtensions ?? [])]) {
    const install = spawnSync(CODE_SERVER, [...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 60_000 });
    if (install.status !== 0) throw new Error(`installing ${vsix} failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
  }

  mkdirSync(RESULTS, { recursive: true });
  // code-server's own output, named after the suite like the extension's log.
  const serverLog = join(RESULTS, logName.replace(/^bmes-inspector/, 'code-server'));
  const log = createWriteStream(serverLog);
  const args = [
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--reconnection-grace-time',
    '2',
    ...(options.trustWorkspace === false ? [] : ['--disable-workspace-trust']),
    dirs.workspace,
  ];
  const child = spawn(CODE_SERVER, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await killGroup(child);
    log.end();
    saveExtensionLog(dirs.userData, logName);
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    await waitFor('code-server /healthz', 30_000, async () => {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${serverLog}`);
      const response = await fetch(`${url}/healthz`).catch(() => null);
      return response?.ok === true;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const extensionLog = () =>
    extensionLogFiles(dirs.userData)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
  return { url, workspace: dirs.workspace, scratch, env, writeWorkspaceSettings, extensionLog, stop };
}
