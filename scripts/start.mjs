// `npm start`: builds, then opens VS Code with this extension loaded in development mode and samples/ as the
// workspace. Without a `code` command on PATH it says how to get there.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const code = process.env.LAYERLENS_CODE ?? 'code';
const probe = spawnSync(code, ['--version'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.log(`Built into dist/. No "${code}" command on PATH, so VS Code was not opened. Either:
  - install VS Code's shell command ("Shell Command: Install 'code' command in PATH") and run npm start again, or
  - open this folder in VS Code and run the extension with F5 (Run > Start Debugging), then open samples/, or
  - package it (npm run package) and install layerlens.vsix with "Extensions: Install from VSIX...".`);
  process.exit(0);
}
spawnSync(code, [`--extensionDevelopmentPath=${resolve('.')}`, resolve('samples')], { stdio: 'inherit' });
