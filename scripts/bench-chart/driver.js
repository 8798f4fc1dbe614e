// Browser side of scripts/bench-chart.mjs: feeds a TrainingChart like a live training run and records
// what every frame cost. Plain JS so the Node-only tsconfig (no DOM lib) never sees it.
import { TrainingChart } from '../../webviews/training/chart/chart';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** Deterministic noisy loss with one spike (the bench also checks that the spike is drawn). */
function makeBatch(start, size, spikeStep) {
  const xs = new Float64Array(size);
  const ys = new Float64Array(size);
  let seed = start + 1;
  for (let i = 0; i < size; i++) {
    const step = start + i;
    seed = (seed * 1103515245 + 12345) % 2147483648;
    xs[i] = step;
    ys[i] = step === spikeStep ? 50 : 2 / (1 + step / 20000) + 0.3 * (seed / 2147483648);
  }
  return { xs, ys };
}

window.runChartBench = async (config) => {
  const { totalPoints, batchSize, batchesPerSecond, realTime, width, height } = config;
  const frames = [];
  let frameDrawn = () => undefined;
  const chart = new TrainingChart(document.getElementById('chart'), {
    title: 'loss', xAxis: 'step', width, height, smoothing: { type: 'ema', beta: 0.9 },
    onFrame: (frame) => {
      frames.push(frame);
      frameDrawn();
    },
  });
  chart.addSeries({ key: 'run-1/train', label: 'run 1 · train' });
  chart.addSeries({ key: 'run-1/val', label: 'run 1 · val', colourIndex: 0, lineDash: [6, 3] });
  chart.flush();
  frames.length = 0;

  const spikeStep = Math.floor(totalPoints * 0.37);
  const appendMs = [];
  const started = performance.now();
  for (let start = 0, batch = 0; start < totalPoints; start += batchSize, batch++) {
    const { xs, ys } = makeBatch(start, Math.min(batchSize, totalPoints - start), spikeStep);
    const drawn = new Promise((resolve) => { frameDrawn = resolve; });
    const t0 = performance.now();
    chart.appendPoints('run-1/train', xs, ys);
    chart.appendPoints('run-1/val', [start + xs.length - 1], [2 / (1 + start / 20000) + 0.1]);
    appendMs.push(performance.now() - t0);
    await drawn; // one rAF frame per batch, as at 10 batches/s on a 60 Hz display
    if (realTime) {
      const due = started + ((batch + 1) * 1000) / batchesPerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  }
  const elapsedMs = performance.now() - started;
  const batchFrames = frames.slice();
  const png = await chart.toPNG();
  chart.setYScale(config.yScale);
  chart.flush();
  const drawMs = batchFrames.map((f) => f.drawMs).sort((a, b) => a - b);
  const sortedAppend = appendMs.sort((a, b) => a - b);
  const last = batchFrames[batchFrames.length - 1];
  return {
    medianFrameMs: percentile(drawMs, 0.5),
    p95FrameMs: percentile(drawMs, 0.95),
    maxFrameMs: drawMs[drawMs.length - 1] ?? 0,
    points: totalPoints,
    pointsHeld: last?.totalPoints ?? 0,
    frames: batchFrames.length,
    drawnPointsLastFrame: chart.drawnPointCount(),
    medianAppendMs: percentile(sortedAppend, 0.5),
    p95AppendMs: percentile(sortedAppend, 0.95),
    pngBytes: png.length,
    elapsedMs,
    realTime,
  };
};
