// Benchmarks the cost of streaming a run into the Training panel: trains a model file in the real runtime child
// (`dist/runtime.js`, forked as the extension does) while the panel is alternately "open" (every `runMetrics` goes
// through the extension's real PointStreamer and is posted into headless Chromium running the real panel bundle,
// which stores and draws it) and "closed" (notifications dropped), in windows of `windowMs` within the same run.
// The overhead is the drop in training rate of each open window against its two closed neighbours (see
// bench-panel/windows.mjs for why not separate runs). The runtime's decision-boundary frames are computed whether
// or not the panel is open: their share of training time is added to give the overhead with the boundary.
// `node scripts/bench-panel.mjs [--epochs N] [--repeats N] [--model FILE] [--window-ms N]` prints JSON;
// benchPanel() returns it. Needs `npm run build` (dist/runtime.js). The panel's frame times: scripts/bench-chart.mjs.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, panelPageHtml, panelPoster } from './bench-panel/panel-page.mjs';
import { launchedBrowserPid, treeCpuSeconds } from './bench-panel/process-cpu.mjs';
import { trainOnce } from './bench-panel/runtime-harness.mjs';
import { pairedOverheads, quantile, windowRates } from './bench-panel/windows.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Skipped at the start of each window: deliveries and draws of the previous window may still be running. */
const GUARD_MS = 300;
/** The extension refreshes the panel's runs list this long after an epoch ends (RUNS_REFRESH_MS in training-panel.ts). */
const RUNS_REFRESH_MS = 1000;

/** The extension's PointStreamer, bundled for Node. */
async function loadPointStreamer() {
  const outfile = join(root, 'out/bench-panel/point-streamer.cjs');
  await build({ entryPoints: [join(root, 'extension/training-panel/point-streamer.ts')], outfile, bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return createRequire(import.meta.url)(outfile);
}

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Seconds the page's main thread spent on tasks so far (Chrome's TaskDuration metric). */
async function pageTaskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/**
 * One run, the panel opening and closing every `windowMs` from the first notification (open first when `openFirst`).
 * Returns the windows' rates and what the panel received.
 */
async function interleavedRun(page, cdp, PointStreamer, train, { windowMs, openFirst, browserPid }) {
  await page.reload();
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
  const taskSecondsBefore = await pageTaskSeconds(cdp);
  const harnessCpuBefore = process.cpuUsage();
  const browserCpuBefore = treeCpuSeconds(browserPid);
  const poster = panelPoster(page);
  let updateMessages = 0;
  const streamer = new PointStreamer((message) => { updateMessages++; poster.post(message); });
  const windows = [];
  const batchRows = [];
  let forwardedBatchRows = 0;
  let openSeconds = 0;
  let runId;
  let timer;
  let runsRefresh;
  const startedAt = new Date();
  // The runs list as the extension sends it (its live row's duration, epochs and best change as epochs end).
  const postRuns = (epochsDone) => poster.post({ type: 'runs', training: true, shown: [runId], compared: [], runs: [{ runId,
    startedAt: startedAt.toISOString(), status: 'running', backend: 'bench', device: 'bench',
    durationSeconds: (Date.now() - startedAt.getTime()) / 1000, epochsDone, epochsPlanned: 0, specDiff: '', live: true, resumable: false }] });
  let epochsDone = 0;
  const switchWindow = () => {
    const now = Date.now();
    const previous = windows.at(-1);
    if (previous) {
      previous.end = now;
      if (previous.open) openSeconds += (now - previous.start) / 1000;
    }
    windows.push({ start: now, end: Number.POSITIVE_INFINITY, open: previous ? !previous.open : openFirst });
  };
  const result = await train((n) => {
    if (runId === undefined) {
      runId = n.runId;
      poster.post({ type: 'init', modelFile: '/bench/model.yaml', displayName: 'model.yaml' });
      postRuns(0);
      switchWindow();
      timer = setInterval(switchWindow, windowMs);
    }
    const rows = n.rows.filter((r) => r.kind === 'batch');
    for (const row of rows) batchRows.push({ time: row.time, epoch: row.epoch });
    if (!windows.at(-1).open) return;
    forwardedBatchRows += rows.length;
    streamer.append(n.runId, n.rows);
    for (const row of n.rows) if (row.kind === 'epoch') epochsDone = row.epoch;
    if (n.rows.some((row) => row.kind === 'epoch')) runsRefresh ??= setTimeout(() => { runsRefresh = undefined; postRuns(epochsDone); }, RUNS_REFRESH_MS);
    // Decision-boundary frames go to the panel as the extension posts them.
    if (n.boundary) poster.post({ type: 'boundary', runId: n.runId, frame: n.boundary });
    streamer.progress({ ...n.progress, runId: n.runId, backend: 'bench', device: 'bench' });
  });
  clearInterval(timer);
  clearTimeout(runsRefresh);
  windows.pop(); // cut short by the end of the run
  await streamer.flush();
  streamer.dispose();
  await poster.delivered();
  // The panel writes point counts in its next live frame.
  const received = await page.locator(`tr[data-run-id="${runId}"][data-point-count="${forwardedBatchRows}"]`)
    .waitFor({ timeout: 5000 }).then(() => forwardedBatchRows, () => page.locator(`tr[data-run-id="${runId}"]`).getAttribute('data-point-count').then(Number));
  const panelTaskSeconds = (await pageTaskSeconds(cdp)) - taskSecondsBefore;
  const harnessCpu = process.cpuUsage(harnessCpuBefore);
  const browserCpu = (treeCpuSeconds(browserPid) ?? Number.NaN) - (browserCpuBefore ?? Number.NaN);
  return {
    ...result, updateMessages, forwardedBatchRows, pointsInPanel: received,
    // Dropping the first window: the run's first second carries its warm-up (compilation, first allocations).
    rates: windowRates(windows.slice(1), batchRows, GUARD_MS),
    // The panel page's main thread per second the panel was open (rendering included).
    panelBusyPercent: openSeconds > 0 ? round((panelTaskSeconds / openSeconds) * 100) : 0,
    // CPU of the whole browser (renderer, compositing) per second the panel was open; NaN off Linux.
    browserCpuPercent: openSeconds > 0 ? round((browserCpu / openSeconds) * 100) : 0,
    // This process (runtime IPC, PointStreamer and the hop that stands in for webview.postMessage), whole run.
    harnessBusyPercent: round(((harnessCpu.user + harnessCpu.system) / 1e6 / result.wallSeconds) * 100),
  };
}

/**
 * @param {{ model?: string, epochs?: number, repeats?: number, backend?: string, windowMs?: number }} [options]
 * @returns {Promise<Record<string, unknown>>}
 */
export async function benchPanel(options = {}) {
  const runtimeScript = join(root, 'dist/runtime.js');
  if (!existsSync(runtimeScript)) return { error: 'dist/runtime.js is missing: run npm run build first' };
  const config = {
    model: resolve(root, options.model ?? 'samples/mlp-xor.model.yaml'),
    epochs: options.epochs ?? 300,
    repeats: options.repeats ?? 3,
    backend: options.backend ?? 'auto',
    windowMs: options.windowMs ?? 1500,
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
    const browserPid = launchedBrowserPid() ?? -1;
    const runs = [];
    for (let i = 0; i < config.repeats; i++) {
      runs.push(await interleavedRun(page, cdp, PointStreamer, train, { windowMs: config.windowMs, openFirst: i % 2 === 1,
        browserPid }));
    }
    if (errors.length > 0) throw new Error(`panel page errors: ${errors.join('; ')}`);
    const overheads = runs.flatMap((r) => pairedOverheads(r.rates));
    const mean = overheads.reduce((a, b) => a + b, 0) / overheads.length;
    const sd = Math.sqrt(overheads.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, overheads.length - 1));
    const percent = (value) => round(value * 100);
    const closedRates = runs.flatMap((r) => r.rates.filter((w) => !w.open).map((w) => w.batchesPerSecond));
    const median = (values) => quantile(values, 0.5);
    const boundaryShare = median(runs.map((r) => r.boundaryPercent));
    return {
      model: config.model.slice(root.length + 1), epochs: config.epochs, repeats: config.repeats, windowMs: config.windowMs,
      backend: runs[0]?.backend, samplesPerSecond: runs.map((r) => Math.round(r.samplesPerSecond)),
      closedBatchesPerSecond: { median: round(median(closedRates)), min: round(Math.min(...closedRates)), max: round(Math.max(...closedRates)) },
      pairedWindows: overheads.length,
      overheadPercent: percent(median(overheads)),
      overheadQuartilesPercent: [percent(quantile(overheads, 0.25)), percent(quantile(overheads, 0.75))],
      overheadMeanPercent: percent(mean),
      overheadStandardErrorPercent: percent(sd / Math.sqrt(overheads.length)),
      panelBusyPercent: median(runs.map((r) => r.panelBusyPercent)),
      browserCpuPercent: median(runs.map((r) => r.browserCpuPercent)),
      harnessBusyPercent: median(runs.map((r) => r.harnessBusyPercent)),
      updateMessagesPerOpenSecond: round(median(runs.map((r) => r.updateMessages / Math.max(1e-9,
        r.rates.filter((w) => w.open).length * config.windowMs / 1000)))),
      everyForwardedPointDelivered: runs.every((r) => r.pointsInPanel === r.forwardedBatchRows),
      boundary: { framesPerRun: median(runs.map((r) => r.boundaryFrames)), runtimeSharePercent: boundaryShare },
      overheadWithBoundaryPercent: round(percent(median(overheads)) + boundaryShare),
      targetOverheadPercent: 3,
    };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { epochs: { type: 'string' }, repeats: { type: 'string' }, model: { type: 'string' },
    backend: { type: 'string' }, 'window-ms': { type: 'string' } } });
  console.log(JSON.stringify(await benchPanel({
    ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
    ...(values.repeats ? { repeats: Number(values.repeats) } : {}),
    ...(values.model ? { model: values.model } : {}),
    ...(values.backend ? { backend: values.backend } : {}),
    ...(values['window-ms'] ? { windowMs: Number(values['window-ms']) } : {}),
  }), null, 2));
}
