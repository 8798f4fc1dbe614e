// Benchmarks the Inspector's round trip runtime → extension → webview: a small run of samples/resnet-block.model.yaml
// is trained with the CLI, then the real Inspector bundle runs in headless Chromium, its requests answered by the
// extension's real WebviewBridge and RuntimeProcess over the real runtime child (`dist/runtime.js`). Measured:
//   allLayers: a thumbnail is clicked and every layer's feature maps are fetched and drawn (a tall page keeps every
//              layer in view), median over 20 examples;
//   epochSlider: the epoch slider moves one stop and one layer (the only one in view) is fetched for the new
//              weights and drawn, median over 20 moves (includes the slider's 30 ms debounce).
// `node scripts/bench-inspector.mjs` prints JSON; benchInspector() returns it. Needs `npm run build`.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, THEME } from './bench-panel/panel-page.mjs';

/** `acquireVsCodeApi` for the page: what it posts goes to the bench's stand-in for the extension host. */
const VSCODE_API_STUB = `window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__toHost(m), getState: () => window.__state, setState: (s) => { window.__state = s; },
});`;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = 20;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The extension-side classes, bundled for Node (they import neither vscode nor TensorFlow.js). */
async function loadHostClasses() {
  const outfile = join(root, 'out/bench-inspector/host.cjs');
  await build({
    stdin: { contents: `export { RuntimeProcess } from './extension/runtime/runtime-process';
export { WebviewBridge } from './extension/webview/webview-bridge';`, resolveDir: root, loader: 'ts' },
    outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

async function pageHtml(init) {
  const result = await build({
    entryPoints: [join(root, 'webviews/inspector/main.ts')], bundle: true, write: false, format: 'iife', platform: 'browser',
    target: 'chrome120', minify: true, outdir: join(root, 'out/bench-inspector'), loader: { '.css': 'css' }, logLevel: 'warning',
  });
  const text = (ext) => result.outputFiles.filter((f) => f.path.endsWith(ext)).map((f) => f.text).join('\n');
  const json = JSON.stringify(init).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${THEME}</style><style>${text('.css')}</style></head>
<body class="vscode-dark"><main id="root"></main><script type="application/json" id="layerlens-initial-state">${json}</script>
<script>${VSCODE_API_STUB}</script><script>${text('.js').replaceAll('</script', '<\\/script')}</script></body></html>`;
}

/** A 2-epoch run of the ResNet sample on 600 digits (checkpoints for the slider), in a temporary folder. */
function trainRun(scratch) {
  const model = join(scratch, 'resnet-block.model.yaml');
  writeFileSync(model, readFileSync(join(root, 'samples/resnet-block.model.yaml'), 'utf8').replace(/samples: \d+/, 'samples: 600'));
  const out = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'train', model, '--epochs', '2', '--backend', 'wasm',
    '--out', join(scratch, 'runs'), '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const result = JSON.parse(out.trim().split('\n').at(-1));
  return { model, runDir: result.runDir, backend: result.backend };
}

export async function benchInspector() {
  const runtimeScript = join(root, 'dist/runtime.js');
  if (!existsSync(runtimeScript)) return { error: 'dist/runtime.js is missing: run npm run build first' };
  const scratch = mkdtempSync(join(tmpdir(), 'layerlens-bench-inspector-'));
  const { RuntimeProcess, WebviewBridge } = await loadHostClasses();
  let runtime;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const run = trainRun(scratch);
    // Forked after the (synchronous) training, so its ready handshake is not starved.
    runtime = new RuntimeProcess(runtimeScript, () => undefined);
    const backend = { preference: 'wasm', nodeModuleDirs: [] };
    const init = { modelFile: run.model, displayName: 'resnet-block.model.yaml', runDir: run.runDir,
      runs: [{ runDir: run.runDir, runId: 'bench', status: 'completed', epochsDone: 2 }] };
    const page = await browser.newPage({ viewport: { width: 1200, height: 12000 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // The extension's side: the page's posts reach the bridge; the bridge's posts are delivered with postMessage.
    const listeners = [];
    await page.exposeFunction('__toHost', (message) => { for (const listener of listeners) listener(message); });
    const port = {
      postMessage: (message) => page.evaluate((m) => { window.postMessage(m, '*'); return true; }, message),
      onDidReceiveMessage: (listener) => { listeners.push(listener); return { dispose: () => undefined }; },
    };
    let session;
    const open = async ({ runDir, epoch }) => {
      session = await runtime.request('openRun', { runDir, backend, ...(epoch === null ? {} : { epoch }) });
      return { ...session, layers: session.layers.map(({ id, type, outputShape }) => ({ id, type, outputShape })) };
    };
    const bridge = new WebviewBridge(port, {
      isMessage: () => true, params: new Proxy({}, { get: () => () => true }), results: { state: () => true },
      handlers: {
        open,
        featureMaps: ({ layerIds, input }, signal) => runtime.request('featureMaps', { sessionId: session.sessionId, layerIds,
          input: input.kind === 'example' ? { example: input.index } : { tensor: input.tensor } }, signal),
        examples: ({ start, count, misclassifiedOnly }) => runtime.request('examples', { sessionId: session.sessionId, start, count, misclassifiedOnly }),
        pickImage: () => Promise.resolve(null),
        revealLayer: () => Promise.resolve({ revealed: false }),
      },
    }, { onReady: () => undefined, onMessage: () => undefined, log: (line) => errors.push(line) });
    await page.route('http://bench.invalid/', async (route) => route.fulfill({ contentType: 'text/html', body: await pageHtml(init) }));
    await page.goto('http://bench.invalid/');
    const layers = (await bridge.request('state', {}, { timeoutMs: 600_000 })).layers.length;

    const allLayers = [];
    for (let i = 1; i <= SAMPLES; i++) {
      const started = performance.now();
      await page.locator(`.thumb[data-index="${i}"]`).click({ timeout: 60_000 }).catch(async (error) => {
        const shown = await page.evaluate(() => document.body.innerText.slice(0, 400));
        throw new Error(`${error.message}; page errors: ${errors.join('; ')}; the page shows: ${shown}`);
      });
      const state = await bridge.request('state', {}, { timeoutMs: 120_000 });
      allLayers.push(performance.now() - started);
      if (state.layers.length !== layers) throw new Error(`drew ${state.layers.length} of ${layers} layers`);
    }

    await page.setViewportSize({ width: 1200, height: 520 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const stops = Number(await page.locator('.epoch-picker input').getAttribute('max')) + 1;
    const epochSlider = [];
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      await page.locator('.epoch-picker input').evaluate((input, value) => {
        input.value = String(value);
        input.dispatchEvent(new Event('input'));
      }, i % stops);
      await new Promise((resolve) => setTimeout(resolve, 40)); // past the slider's debounce: the new open is under way
      const state = await bridge.request('state', {}, { timeoutMs: 120_000 });
      epochSlider.push(performance.now() - started);
      if (state.layers.length < 1) throw new Error('no layer drawn after an epoch change');
    }
    if (errors.length > 0) throw new Error(`inspector page errors: ${errors.join('; ')}`);
    const round = (ms) => Math.round(ms * 10) / 10;
    return {
      model: 'samples/resnet-block.model.yaml (600 digits, 2 epochs)', backend: run.backend, layers, samples: SAMPLES,
      allLayers: { medianMs: round(median(allLayers)), minMs: round(Math.min(...allLayers)), maxMs: round(Math.max(...allLayers)) },
      epochSlider: { medianMs: round(median(epochSlider)), stops, includesDebounceMs: 30 },
      targetAllLayersMs: 100,
    };
  } finally {
    await browser.close();
    runtime?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchInspector(), null, 2));
}
