// One esbuild script for the three processes:
//   dist/extension.js          extension host (CommonJS, `vscode` external; never loads TensorFlow.js)
//   dist/check-worker.js       the model checker's worker thread (pure TypeScript language module)
//   dist/runtime.js, cli.js    runtime child and CLI (Node; TensorFlow.js and its wasm backend bundled)
//   dist/train-worker.js       a data-parallel training worker thread of the runtime (layerlens.threads)
//   dist/webviews/<panel>.js   panel scripts (browser) and their .css
// plus the assets the runtime reads at run time: the wasm binaries next to runtime.js, the packed MNIST digits, and
// Dawn (the `webgpu` package's native module) for this platform in dist/node_modules, so a .vsix needs no npm install.
// `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info', legalComments: 'none' };
/** Native or optional packages the runtime resolves at run time instead of bundling. */
const runtimeExternals = ['webgpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
const panels = readdirSync('webviews').filter((d) => existsSync(join('webviews', d, 'main.ts')));

const builds = [
  { ...common, entryPoints: { extension: 'extension/extension.ts', 'check-worker': 'extension/language/check-worker/worker-main.ts' }, outdir: 'dist', platform: 'node', format: 'cjs',
    target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: { runtime: 'runtime/main.ts', cli: 'runtime/cli/main.ts', 'train-worker': 'runtime/training/parallel/worker-main.ts' }, outdir: 'dist', platform: 'node',
    format: 'cjs', target: 'node20', external: runtimeExternals },
  { ...common, entryPoints: Object.fromEntries(panels.map((p) => [p, `webviews/${p}/main.ts`])), outdir: 'dist/webviews',
    platform: 'browser', format: 'iife', target: 'es2022', loader: { '.css': 'css' } },
];

function copyAssets() {
  const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  for (const file of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) cpSync(join(wasmDir, file), join('dist', file));
  const dawnPlatform = `${process.platform}-${process.platform === 'darwin' ? 'universal' : process.arch}`;
  const webgpuOut = 'dist/node_modules/webgpu';
  if (existsSync(`node_modules/webgpu/dist/${dawnPlatform}`) && !existsSync(`${webgpuOut}/dist/${dawnPlatform}`)) {
    mkdirSync(webgpuOut, { recursive: true });
    for (const file of ['index.js', 'package.json', 'LICENSE.md']) cpSync(`node_modules/webgpu/${file}`, `${webgpuOut}/${file}`);
    cpSync(`node_modules/webgpu/dist/${dawnPlatform}`, `${webgpuOut}/dist/${dawnPlatform}`, { recursive: true });
  }
  const packedMnist = 'dist/data/mnist.bin.gz';
  if (!existsSync(packedMnist) || statSync(packedMnist).mtimeMs < statSync('scripts/pack-mnist.mjs').mtimeMs) {
    execFileSync(process.execPath, ['scripts/pack-mnist.mjs', 'dist/data'], { stdio: 'inherit' });
  }
}

mkdirSync('dist/data', { recursive: true });
// A production build (npm run package) ships no source maps: drop those of earlier development builds.
if (production) {
  for (const dir of ['dist', 'dist/webviews']) {
    if (existsSync(dir)) for (const f of readdirSync(dir).filter((n) => n.endsWith('.map'))) rmSync(join(dir, f));
  }
}
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  copyAssets();
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  copyAssets();
}
