// Decides which VS Code the integration and UI tiers run in, so one `npm test` works online and offline:
//  - VSCODE_EXECUTABLE_PATH set: test-electron starts that executable (a desktop VS Code, or our code-server host).
//  - otherwise, when VS Code's update server answers: test-electron downloads desktop VS Code as usual.
//  - otherwise (offline): code-server 4.100.3 (VS Code 1.100.3) from the npm registry stands in, through
//    out/test/host/code-server-host.js. The UI tier always uses code-server (Playwright drives its browser UI).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildTests } from './build-tests.mjs';

async function online() {
  if (process.env.LAYERLENS_OFFLINE === '1') return false;
  try {
    const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(4000) });
    return response.ok;
  } catch {
    return false;
  }
}

function codeServerBin() {
  if (process.env.CODE_SERVER_BIN && existsSync(process.env.CODE_SERVER_BIN)) return process.env.CODE_SERVER_BIN;
  console.log('installing code-server (scripts/install-code-server.sh)…');
  return execFileSync('bash', ['scripts/install-code-server.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

export async function prepareVsCode({ needCodeServer }) {
  const env = {};
  if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_BIN) throw new Error('Chromium is missing: apt-get install chromium');
  const desktop = (process.env.VSCODE_EXECUTABLE_PATH || (await online())) ? 'desktop' : 'code-server';
  if (needCodeServer || desktop === 'code-server') env.CODE_SERVER_BIN = codeServerBin();
  if (desktop === 'code-server' && !process.env.VSCODE_EXECUTABLE_PATH) {
    await buildTests('host');
    const host = resolve('out/test/host/code-server-host.js');
    chmodSync(host, 0o755);
    env.VSCODE_EXECUTABLE_PATH = host;
  }
  console.log(`integration tests run in ${env.VSCODE_EXECUTABLE_PATH ?? process.env.VSCODE_EXECUTABLE_PATH ?? 'a downloaded desktop VS Code'}`);
  return { env };
}
