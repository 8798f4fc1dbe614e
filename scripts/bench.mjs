// `npm run bench`: every benchmark, one JSON document on stdout (progress on stderr).
//   language: parse + infer a generated 500-layer model, hover computation (targets < 20 ms, < 5 ms)
//   hostile:  issue 11's worst-case model files: check time of each (target < 200 ms) and the longest stall of the
//             calling (extension host) thread while the checker worker takes them all (target: none)
//   activation: code-server on samples/ with and without the worst-case files: time until LayerLens: About shows
//             (target: the same); needs CODE_SERVER_BIN and Chromium like the UI tests
//   training: samples/s and GFLOP/s (vs the backend's matMul ceiling) for LeNet and MLP 784-128-10 on every
//             backend rung that loads, and the PyTorch CPU peer (torch + OpenBLAS) when present; ratios; the
//             1 → 2 worker scaling of data-parallel training on wasm (layerlens.threads), measured A/B interleaved
//   profile:  time per kernel for one LeNet training step (forward, backward, update) on wasm and cpu
//   chart:    median frame time while appending 1,000,000 points in batches of 1,000 (headless Chromium)
//   panel:    training samples/s with the panel open vs closed (streaming overhead), XOR and LeNet
//   inspect:  runtime-side featureMaps time for every ResNet layer and across epoch switches (median of 20), and
//             the max |layerlens inspect − model.execute| over every layer of every sample
//   attacks:  FGSM and PGD-10 per example on lenet (wasm), and the robustness curve over 500 examples × 4 ε
//   inspector: round trip runtime → extension → webview for every layer of resnet-block, and as the epoch slider moves
//   explain:  Grad-CAM and Integrated Gradients (m = 50) on one ResNet-block input through the explain handler, median of 20
// Run `npm run build` first (the panel bench trains in dist/runtime.js).
// `npm run bench -- language chart` runs a subset. Flags (`--name=value`) shorten or select the slow parts:
//   training: --backends=wasm,cpu --models=lenet --epochs=5 --min-epoch-seconds=1 --no-torch --no-ceiling --no-scaling
//             --stock (also the stock cpu/wasm kernels) --keep-openblas-env (keep OPENBLAS_CORETYPE for the peer)
//             --openblas-coretype=Haswell (force the peer's OpenBLAS kernel)
//             --stock-optimizers (tf.train.adam instead of the product's Adam, fused on wasm)
//             --optimizer-ab (also fused vs stock Adam on wasm, epochs interleaved in one process)
//   profile:  --profile-backends=wasm,cpu --profile-steps=5 --stock-optimizers
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const all = ['language', 'hostile', 'activation', 'training', 'profile', 'chart', 'panel', 'inspect', 'inspector', 'attacks', 'explain'];
const wanted = process.argv.slice(2).filter((a) => all.includes(a));
const selected = wanted.length > 0 ? wanted : all;

/** `--name=value` flags as a map (`--flag` alone maps to 'true'). */
const flags = new Map(process.argv.slice(2).filter((a) => a.startsWith('--'))
  .map((a) => { const [name, ...value] = a.slice(2).split('='); return [name, value.length > 0 ? value.join('=') : 'true']; }));
const list = (name) => flags.get(name)?.split(',').filter(Boolean);
const number = (name) => (flags.has(name) ? Number(flags.get(name)) : undefined);
/** Drops undefined values, so the benches' own defaults apply. */
const defined = (object) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));

/** Bundles a TypeScript bench module to out/bench/ (packages external) and imports it. */
async function importTs(file) {
  const outfile = resolve('out/bench', file.replace(/^scripts\//, '').replace(/\.ts$/, '.cjs'));
  await build({ entryPoints: [file], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    packages: 'external', logLevel: 'warning' });
  return import(pathToFileURL(outfile).href);
}

const benches = {
  language: async () => (await importTs('scripts/bench-language.ts')).benchLanguage(),
  hostile: async () => (await importTs('scripts/bench-hostile.ts')).benchHostile(),
  activation: async () => (await importTs('scripts/bench-activation/activation.ts')).benchActivation((l) => console.error(l)),
  training: async () => (await importTs('scripts/bench-training.ts')).benchTraining(defined({
    log: (l) => console.error(l), backends: list('backends'), models: list('models'), epochs: number('epochs'),
    minEpochSeconds: number('min-epoch-seconds'), torch: flags.has('no-torch') ? false : undefined,
    ceiling: flags.has('no-ceiling') ? false : undefined, compareStockKernels: flags.has('stock'),
    scaling: flags.has('no-scaling') ? false : undefined, stockOptimizers: flags.has('stock-optimizers'),
    optimizerAb: flags.has('optimizer-ab'),
    keepOpenblasEnv: flags.has('keep-openblas-env'), openblasCoretype: flags.get('openblas-coretype'),
  })),
  profile: async () => (await importTs('scripts/bench-profile.ts')).benchProfile(defined({
    log: (l) => console.error(l), backends: list('profile-backends'), steps: number('profile-steps'),
    stockOptimizers: flags.has('stock-optimizers'),
  })),
  inspect: async () => (await importTs('scripts/bench-inspect.ts')).benchInspect({ log: (l) => console.error(l) }),
  attacks: async () => (await importTs('scripts/bench-attacks.ts')).benchAttacks({ log: (l) => console.error(l) }),
  inspector: async () => (await import('./bench-inspector.mjs')).benchInspector(),
  chart: async () => (await import('./bench-chart.mjs')).benchChart(),
  explain: async () => (await importTs('scripts/bench-explain.ts')).benchExplain({ log: (l) => console.error(l) }),
  // Two workloads: tiny XOR batches (the most rows per second: worst case for streaming) and LeNet on MNIST.
  panel: async () => {
    const { benchPanel } = await import('./bench-panel.mjs');
    return {
      // Runs of ~30 s (XOR: 18,000 batches) and ~15 s (LeNet), each window 1.5 s: ~50 and ~14 open windows paired.
      xor: await benchPanel({ epochs: 900, repeats: 5 }),
      lenet: await benchPanel({ model: 'samples/lenet.model.yaml', epochs: 6, repeats: 3 }),
    };
  },
};

const results = { machine: { node: process.versions.node, platform: `${process.platform}-${process.arch}` } };
for (const name of selected) {
  console.error(`bench: ${name}…`);
  try {
    results[name] = await benches[name]();
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message : String(error) };
  }
}
console.log(JSON.stringify(results, null, 2));
