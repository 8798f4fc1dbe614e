// `npm test`: unit (node --test) → fault (faults injected into real runs: kill -9, full disk, corrupt checkpoints,
// resource bombs; needs the built CLI) → integration (mocha inside VS Code) → UI (Playwright in Chromium).
// `npm test unit|fault|integration|ui` runs one tier. Every tier's failure makes the exit code non-zero.
import { spawnSync } from 'node:child_process';
import { buildTests } from './build-tests.mjs';

const tiers = process.argv.slice(2);
const wanted = (t) => tiers.length === 0 || tiers.includes(t);
const run = (cmd, args, env = {}) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
};

let failed = 0;
if (wanted('unit')) {
  await buildTests('unit');
  failed += run(process.execPath, ['--test', '--test-reporter=spec', 'out/test/unit/']) ? 1 : 0;
}
let built = false;
if (wanted('fault')) {
  if (run('npm', ['run', 'build', '--silent'])) process.exit(1);
  built = true;
  await buildTests('fault');
  failed += run(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', 'out/test/fault/']) ? 1 : 0;
}
if (wanted('integration') || wanted('ui')) {
  if (!built && run('npm', ['run', 'build', '--silent'])) process.exit(1);
  const { prepareVsCode } = await import('./vscode-host.mjs');
  const host = await prepareVsCode({ needCodeServer: wanted('ui') });
  if (wanted('integration')) {
    await buildTests('integration');
    failed += run(process.execPath, ['out/test/integration/runTests.js'], host.env) ? 1 : 0;
  }
  if (wanted('ui')) {
    await buildTests('ui');
    failed += run(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', 'out/test/ui/'], host.env) ? 1 : 0;
  }
}
console.log(failed ? `\n${failed} test tier(s) failed` : '\nall test tiers passed');
process.exit(failed ? 1 : 0);
