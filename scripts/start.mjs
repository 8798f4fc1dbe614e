// `npm start`: builds, then runs LayerLens in a real VS Code with samples/ as the workspace.
// - With desktop VS Code's `code` command on PATH: VS Code with this checkout as a development extension.
// - Otherwise (or with LAYERLENS_START=code-server): code-server, the browser VS Code the tests use, installed from
//   the npm registry into ~/.cache/layerlens, with the freshly packaged .vsix installed; see scripts/start/.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startCodeServer } from './start/code-server-mode.mjs';

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const code = process.env.LAYERLENS_CODE ?? 'code';
const wantsServer = process.env.LAYERLENS_START === 'code-server';
const hasDesktop = !wantsServer && spawnSync(code, ['--version'], { encoding: 'utf8' }).status === 0;
if (hasDesktop) {
  const run = spawnSync(code, [`--extensionDevelopmentPath=${resolve('.')}`, resolve('samples')], { stdio: 'inherit' });
  process.exit(run.status ?? 0);
} else {
  if (!wantsServer) console.log(`No "${code}" command on PATH: starting LayerLens in code-server (VS Code in the browser).`);
  await startCodeServer({ root: resolve('.'), workspace: resolve('samples') });
}
