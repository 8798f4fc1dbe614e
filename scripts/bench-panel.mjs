// Benchmarks the cost of streaming a run into the Training panel: trains a model file in the real runtime child
// (`dist/runtime.js`, forked as the extension does) with the panel "closed" (notifications ignored) and "open" (every
// `runMetrics` goes through the extension's real PointStreamer and is posted into headless Chromium running the real
// panel bundle, which stores and draws it), alternating, and reports samples/s of both and the overhead.
// `node scripts/bench-panel.mjs [--epochs N] [--repeats N] [--model FILE]` prints JSON; benchPanel() returns it.
// Needs `npm run build` (dist/runtime.js). The frame-time side of the panel is scripts/bench-chart.mjs.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, panelPageHtml } from './bench-panel/panel-page.mjs';
import { trainOnce } from './bench-panel/runtime-harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The extension's PointStreamer, bundled for Node. */
async function loadPointStreamer() {
  const outfile = join(root, 'out/bench-panel/point-streamer.cjs');
  await build({ entryPoints: [join(root, 'extension/training-panel/point-streamer.ts')], outfile, bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return createRequire(import.meta.url)(outfile);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Most messages in any one-second window. */
function peakPerSecond(times) {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** Seconds the page's main thread spent on tasks so far (Chrome's TaskDuration metric). */
async function pageTaskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  if (process.env.BENCH_PANEL_DEBUG) console.error(metrics.filter((m) => m.name.endsWith('Duration') || m.name.endsWith('Count')).map((m) => `${m.name}=${m.value.toFixed?.(3)}`).join(' '));
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/** One "open" run: runtime → PointStreamer → page.evaluate(postMessage) → the panel's store and charts. */
async function trainWithPanel(page, cdp, PointStreamer, train) {
  await page.reload();
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
  const taskSecondsBefore = await pageTaskSeconds(cdp);
  const harnessCpuBefore = process.cpuUsage();
  const sendTimes = [];
  let delivery = Promise.resolve();
  const post = (message) => {
    // In order, like webview.postMessage; the training process is never blocked by it.
    delivery = delivery.then(() => page.evaluate((m) => window.postMessage(m, '*'), message));
  };
  const streamer = new PointStreamer((message) => { sendTimes.push(performance.now()); post(message); });
  let runId;
  const result = await train((n) => {
    if (runId === undefined) {
      runId = n.runId;
      post({ type: 'init', modelFile: '/bench/model.yaml', displayName: 'model.yaml' });
      post({ type: 'runs', training: true, shown: [runId], runs: [{ runId, startedAt: new Date().toISOString(),
        status: 'running', backend: 'bench', device: 'bench', durationSeconds: 0, epochsDone: 0, epochsPlanned: 0, specDiff: '',
        live: true, resumable: false }] });
    }
    streamer.append(n.runId, n.rows);
    // Decision-boundary frames go to the panel as the extension posts them (typed arrays rebuilt in the page).
    if (n.boundary) {
      const { classes, confidence, points, ...rest } = n.boundary;
      const frame = { ...rest, classes: [...classes], confidence: [...confidence],
        points: { xs: [...points.xs], labels: [...points.labels], validation: [...points.validation] } };
      delivery = delivery.then(() => page.evaluate(({ runId: id, frame: f }) => window.postMessage({ type: 'boundary', runId: id, frame: {
        ...f, classes: Uint8Array.from(f.classes), confidence: Uint8Array.from(f.confidence),
        points: { xs: Float32Array.from(f.points.xs), labels: Uint8Array.from(f.points.labels), validation: Uint8Array.from(f.points.validation) },
      } }, '*'), { runId: n.runId, frame }));
    }
    streamer.progress({ ...n.progress, runId: n.runId, backend: 'bench', device: 'bench' });
  });
  await streamer.flush();
  streamer.dispose();
  await delivery;
  const received = Number(await page.locator(`tr[data-run-id="${runId}"]`).getAttribute('data-point-count'));
  // Let the last frame draw, then read how busy the panel was per second of training.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
  const panelTaskSeconds = (await pageTaskSeconds(cdp)) - taskSecondsBefore;
  const harnessCpu = process.cpuUsage(harnessCpuBefore);
  return { ...result, updateMessages: sendTimes.length, peakMessagesPerSecond: peakPerSecond(sendTimes), pointsInPanel: received,
    panelBusyPercent: Math.round((panelTaskSeconds / result.wallSeconds) * 1000) / 10,
    // This process (PointStreamer and the Playwright hop that stands in for webview.postMessage).
    harnessBusyPercent: Math.round(((harnessCpu.user + harnessCpu.system) / 1e6 / result.wallSeconds) * 1000) / 10 };
}

/**
 * @param {{ model?: string, epochs?: number, repeats?: number, backend?: string }} [options]
 * @returns {Promise<Record<string, unknown>>}
 */
export async function benchPanel(options = {}) {
  const runtimeScript = join(root, 'dist/runtime.js');
  if (!existsSync(runtimeScript)) return { error: 'dist/runtime.js is missing: run npm run build first' };
  const config = {
    model: resolve(root, options.model ?? 'samples/mlp-xor.model.yaml'),
    epochs: options.epochs ?? 60,
    repeats: options.repeats ?? 3,
    backend: options.backend ?? 'auto',
  };
  const { PointStreamer } = await loadPointStreamer();
  const html = await panelPageHtml();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.route('http://bench.invalid/', (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto('http://bench.invalid/');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const train = (onMetrics) => trainOnce({ runtimeScript, modelFile: config.model, epochs: config.epochs, backend: config.backend, onMetrics });
    await train(undefined); // warm-up: file caches, wasm compilation
    const closed = [];
    const open = [];
    // Alternate (closed, open), (open, closed), … so drift in machine load hits both alike.
    for (let i = 0; i < config.repeats; i++) {
      const pair = i % 2 === 0 ? ['closed', 'open'] : ['open', 'closed'];
      for (const mode of pair) {
        if (mode === 'closed') closed.push(await train(undefined));
        else open.push(await trainWithPanel(page, cdp, PointStreamer, train));
      }
    }
    if (errors.length > 0) throw new Error(`panel page errors: ${errors.join('; ')}`);
    const closedRate = median(closed.map((r) => r.samplesPerSecond));
    const openRate = median(open.map((r) => r.samplesPerSecond));
    return {
      model: config.model.slice(root.length + 1), epochs: config.epochs, repeats: config.repeats, backend: closed[0]?.backend,
      batchRowsPerRun: closed[0]?.batchRows,
      closed: { medianSamplesPerSecond: closedRate, runs: closed },
      open: { medianSamplesPerSecond: openRate, runs: open },
      overheadPercent: Math.round(((closedRate - openRate) / closedRate) * 1000) / 10,
      // Spread of the closed runs: an overhead smaller than this is within the machine's noise.
      closedSpreadPercent: Math.round(((Math.max(...closed.map((r) => r.samplesPerSecond)) - Math.min(...closed.map((r) => r.samplesPerSecond)))
        / closedRate) * 1000) / 10,
      // Share of one core the panel's page used while the run trained (rendering included), median over open runs.
      panelBusyPercent: median(open.map((r) => r.panelBusyPercent)),
      targetOverheadPercent: 3,
      everyPointDelivered: open.every((r) => r.pointsInPanel === r.batchRows),
      peakUpdateMessagesPerSecond: Math.max(...open.map((r) => r.peakMessagesPerSecond)),
      // The runtime's decision-boundary frames (64×64 predictions, 2-D classifiers): computed whether or not the panel
      // is open, so the open/closed overhead above does not see them; their share of training time, median of all runs.
      boundary: {
        framesPerRun: median([...closed, ...open].map((r) => r.boundaryFrames)),
        runtimeSharePercent: median([...closed, ...open].map((r) => r.boundaryPercent)),
      },
      overheadWithBoundaryPercent: Math.round((((closedRate - openRate) / closedRate) * 100
        + median([...closed, ...open].map((r) => r.boundaryPercent))) * 10) / 10,
    };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { epochs: { type: 'string' }, repeats: { type: 'string' }, model: { type: 'string' },
    backend: { type: 'string' } } });
  console.log(JSON.stringify(await benchPanel({
    ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
    ...(values.repeats ? { repeats: Number(values.repeats) } : {}),
    ...(values.model ? { model: values.model } : {}),
    ...(values.backend ? { backend: values.backend } : {}),
  }), null, 2));
}
