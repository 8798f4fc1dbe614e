// Benchmarks the training chart (webviews/training/chart/chart.ts) in headless Chromium: appends
// 1,000,000 points in batches of 1,000 (10 batches per second in a real run; by default the driver goes
// as fast as frames allow, one animation frame per batch) and measures each frame's draw time.
// `node scripts/bench-chart.mjs [--real-time]` prints JSON; benchChart() returns it.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

// Stand-ins for the variables VS Code defines in a webview (Dark Modern values).
const THEME_VARIABLES = `:root {
  --vscode-charts-blue: #3794ff; --vscode-charts-red: #f14c4c; --vscode-charts-green: #89d185;
  --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7; --vscode-charts-yellow: #cca700;
  --vscode-foreground: #cccccc; --vscode-editorWidget-border: #454545; --vscode-editor-background: #1f1f1f;
  --vscode-font-family: system-ui, sans-serif;
}
body { background: var(--vscode-editor-background); margin: 8px; }`;

async function bundlePage() {
  const result = await build({
    entryPoints: [join(root, 'scripts/bench-chart/driver.js')],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', minify: true,
    outdir: join(root, 'out/bench-chart'), logLevel: 'warning',
  });
  const text = (ext) => result.outputFiles.filter((f) => f.path.endsWith(ext)).map((f) => f.text).join('\n');
  const script = text('.js').replaceAll('</script', '<\\/script');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${THEME_VARIABLES}</style>
<style>${text('.css')}</style></head><body><div id="chart"></div><script>${script}</script></body></html>`;
}

/**
 * @param {{ totalPoints?: number, batchSize?: number, batchesPerSecond?: number, realTime?: boolean,
 *   yScale?: 'linear' | 'log', screenshotPath?: string }} [options] screenshotPath: save the page as PNG
 *   after the run (drawn with yScale).
 * @returns {Promise<{ medianFrameMs: number, p95FrameMs: number, points: number } & Record<string, unknown>>}
 */
export async function benchChart(options = {}) {
  const config = {
    totalPoints: options.totalPoints ?? 1_000_000,
    batchSize: options.batchSize ?? 1_000,
    batchesPerSecond: options.batchesPerSecond ?? 10,
    realTime: options.realTime ?? false,
    yScale: options.yScale ?? 'linear',
    width: 900,
    height: 400,
  };
  const html = await bundlePage();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 1 });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setContent(html);
    if (errors.length > 0) throw new Error(`bench page failed: ${errors.join('; ')}`);
    const result = await page.evaluate((c) => window.runChartBench(c), config);
    if (options.screenshotPath) await page.screenshot({ path: options.screenshotPath, fullPage: true });
    return result;
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchChart({ realTime: process.argv.includes('--real-time') }), null, 2));
}
