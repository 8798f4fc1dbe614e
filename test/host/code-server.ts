/**
 * Starting code-server (a real VS Code 1.100 served to a browser) and Debian's Chromium for the integration and UI
 * tiers. Offline we cannot download desktop VS Code or a Playwright browser, so these two stand in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  readonly url: string;
  readonly authority: string;
  readonly tmp: string;
  readonly env: NodeJS.ProcessEnv;
  log(): string;
  stop(): void;
}

/** Starts code-server on a free loopback port with its state in a fresh temporary folder. */
export async function startCodeServer(options: { extensionsDir?: string; userDataDir?: string } = {}): Promise<CodeServer> {
  const bin = process.env.CODE_SERVER_BIN;
  if (!bin) throw new Error('CODE_SERVER_BIN is not set (npm test sets it; or run scripts/install-code-server.sh)');
  const tmp = mkdtempSync(join(tmpdir(), 'layerlens-cs-'));
  // Keep code-server's and Chromium's state out of $HOME.
  const env = { ...process.env, XDG_CONFIG_HOME: join(tmp, 'config'), XDG_DATA_HOME: join(tmp, 'data'),
    XDG_CACHE_HOME: join(tmp, 'cache'), XDG_RUNTIME_DIR: tmp, TMPDIR: tmp };
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const child: ChildProcess = spawn(bin, ['--auth', 'none', '--bind-addr', authority, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', options.userDataDir ?? join(tmp, 'user-data'),
    '--extensions-dir', options.extensionsDir ?? join(tmp, 'extensions'), '--config', join(tmp, 'config.yaml')],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (d: Buffer) => chunks.push(d));
  child.stderr?.on('data', (d: Buffer) => chunks.push(d));
  const stop = () => {
    try { if (child.pid) process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://${authority}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (i > 600 || child.exitCode !== null) {
      stop();
      throw new Error(`code-server did not start:\n${Buffer.concat(chunks).toString()}`);
    }
    await sleep(100);
  }
  return { url: `http://${authority}`, authority, tmp, env, log: () => Buffer.concat(chunks).toString(), stop };
}

/** Headless Debian Chromium; the flags keep it off the (closed) network and working as root. */
export function launchChromium(env: NodeJS.ProcessEnv): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', headless: true, env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
