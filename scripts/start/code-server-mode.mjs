// `npm start` without desktop VS Code: code-server on 127.0.0.1 with password auth (a random token), the freshly
// packaged extension installed into a private extensions folder, samples/ open. Everything code-server keeps
// (settings, extensions, its config) lives in ~/.cache/layerlens/start (LAYERLENS_START_DIR), never in ~/.config.
// Ctrl-C (SIGINT) or SIGTERM stops code-server's whole process tree, then this script exits.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** CODE_SERVER_BIN if set, else scripts/install-code-server.sh (idempotent; installs into the user's cache). */
function codeServerBin(root) {
  if (process.env.CODE_SERVER_BIN) return process.env.CODE_SERVER_BIN;
  console.log('Installing code-server into ~/.cache/layerlens (once; a few minutes)…');
  const installed = spawnSync('bash', [join(root, 'scripts/install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (installed.status !== 0) throw new Error('code-server could not be installed (see above)');
  return installed.stdout.trim().split('\n').pop();
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/** Opens `url` in the default browser when there is one; silent otherwise. */
function openBrowser(url) {
  if (process.env.LAYERLENS_NO_BROWSER === '1') return;
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

export async function startCodeServer({ root, workspace }) {
  const bin = codeServerBin(root);
  const state = process.env.LAYERLENS_START_DIR ?? join(homedir(), '.cache', 'layerlens', 'start');
  const dirs = { userData: join(state, 'user-data'), extensions: join(state, 'extensions'), xdg: join(state, 'xdg') };
  // This instance's extensions folder holds only LayerLens. Reinstalling the same version over an earlier install
  // (`--force`) left it marked obsolete, so the second `npm start` ran without the extension: start it empty instead.
  rmSync(dirs.extensions, { recursive: true, force: true });
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const env = { ...process.env, XDG_CONFIG_HOME: join(dirs.xdg, 'config'), XDG_DATA_HOME: join(dirs.xdg, 'data') };

  // The extension as users get it: production bundle, packaged, installed (replacing an older install).
  const vsix = join(state, 'layerlens.vsix');
  run(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], { cwd: root });
  run(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: root });
  run(bin, ['--install-extension', vsix, '--force', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], { env });

  const password = randomBytes(18).toString('base64url');
  const config = join(state, 'config.yaml');
  writeFileSync(config, 'auth: password\n', { mode: 0o600 });
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  // detached: its own process group, so one kill reaches code-server and everything it started.
  // --disable-workspace-trust: this private instance opens only LayerLens's own samples/, and training needs trust.
  const server = spawn(bin, ['--bind-addr', authority, '--auth', 'password', '--config', config, '--disable-telemetry',
    '--disable-workspace-trust',
    '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...env, PASSWORD: password } });
  const log = [];
  server.stdout.on('data', (d) => log.push(d));
  server.stderr.on('data', (d) => log.push(d));

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nStopping code-server (${signal})…`);
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    const killer = setTimeout(() => { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
    killer.unref();
  };
  process.on('SIGINT', () => stop('Ctrl-C'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));

  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://${authority}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (server.exitCode !== null || i > 600) {
      stop('start failed');
      throw new Error(`code-server did not start:\n${Buffer.concat(log).toString()}`);
    }
    await sleep(100);
  }
  const url = `http://${authority}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nLayerLens is running in code-server at ${url}\npassword: ${password}\nCtrl-C stops it.`);
  openBrowser(url);
  const { code, signal } = await exited;
  if (!stopping) console.log(`code-server exited (${signal ?? `code ${code}`}):\n${Buffer.concat(log).toString().slice(-2000)}`);
  process.exit(stopping ? 0 : 1);
}
