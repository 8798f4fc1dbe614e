// Inspector benchmark, runtime side (the panel bench adds the runtime → extension → webview round trip):
//   allLayers:   featureMaps of every layer of samples/resnet-block.model.yaml for one example, median of 20
//   epochSwitch: open the run at another checkpoint epoch (weights swap) + featureMaps of one layer, median of 20
//   maxAbsDiffVsExecute: max |`layerlens inspect --json` data − model.execute| over every layer of every sample
// The ResNet run is trained here (3 short epochs on 300 MNIST digits) so it has real checkpoints; the other
// samples are saved with their initial weights. Prints JSON; asserts nothing. Needs `npm run build` (dist/data).
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { featureMaps, loadRun, SessionCache } from '../runtime/analysis';
import { selectBackend, type BackendPreference } from '../runtime/backends';
import { runInspect } from '../runtime/cli/inspect';
import { RUN_FILES, writeMeta } from '../runtime/runs';
import { buildModel, checkText, createTrainer, saveModelFiles } from '../runtime/training';

export interface BenchInspectOptions {
  readonly backend?: BackendPreference;
  readonly repeats?: number;
  readonly assetsDir?: string;
  readonly log?: (line: string) => void;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const round = (ms: number): number => Math.round(ms * 100) / 100;

export async function benchInspect(options: BenchInspectOptions = {}): Promise<Record<string, unknown>> {
  const log = options.log ?? ((): void => undefined);
  const repeats = options.repeats ?? 20;
  const assetsDir = options.assetsDir ?? resolve('dist/data');
  const selection = await selectBackend({ preference: options.backend ?? 'auto', nodeModuleDirs: [], wasmDir: resolve('dist') });
  const dir = mkdtempSync(join(tmpdir(), 'layerlens-bench-inspect-'));
  log(`inspect bench on ${selection.backend}: training resnet-block for 3 short epochs…`);
  const resnetFile = join(dir, 'resnet-block.model.yaml');
  const resnetText = readFileSync('samples/resnet-block.model.yaml', 'utf8').replace(/samples: \d+/, 'samples: 300');
  writeFileSync(resnetFile, resnetText);
  const trained = await createTrainer({ notify: () => undefined, selectBackend, assetsDir, wasmDir: resolve('dist') }).train({
    modelFile: resnetFile, text: resnetText, runsDir: join(dir, 'runs'), epochs: 3,
    backend: { preference: selection.backend, nodeModuleDirs: [] },
  });
  if (trained.status !== 'completed') throw new Error(`training the bench run failed: ${trained.message ?? trained.status}`);

  const cache = new SessionCache((runDir, epoch) => loadRun(runDir, { assetsDir, ...(epoch !== undefined ? { epoch } : {}) }));
  const session = await cache.open(trained.runDir, undefined);
  const ids = session.layerIds;
  const allLayers: number[] = [];
  for (let i = -3; i < repeats; i++) {
    const start = performance.now();
    await featureMaps(session, ids, { example: (i + 3) % session.dataset.validation.size });
    if (i >= 0) allLayers.push(performance.now() - start);
  }
  const epochSwitch: number[] = [];
  const epochs = session.epochs;
  for (let i = -1; i < repeats; i++) {
    const start = performance.now();
    const switched = await cache.open(trained.runDir, epochs[(i + 1) % epochs.length]);
    await featureMaps(switched, ['stem'], { example: 0 });
    if (i >= 0) epochSwitch.push(performance.now() - start);
  }
  cache.clear();
  log('inspect bench: comparing `layerlens inspect --json` with model.execute on every sample…');
  const diff = await maxDiffOnSamples(dir, trained.runDir, assetsDir, selection.backend);
  return {
    backend: selection.backend, device: selection.device, repeats,
    resnetLayers: ids.length,
    allLayersMedianMs: round(median(allLayers)),
    epochSwitchOneLayerMedianMs: round(median(epochSwitch)),
    maxAbsDiffVsExecute: diff.max, comparedLayers: diff.layers, samples: diff.samples,
  };
}

interface InspectJson { readonly data: number[]; readonly input: { readonly shape: number[]; readonly data: number[] } }

/** `layerlens inspect --json` for every layer of every sample (ResNet trained, the others with initial weights). */
async function maxDiffOnSamples(dir: string, resnetRun: string, assetsDir: string, backend: BackendPreference): Promise<{ max: number; layers: number; samples: string[] }> {
  const runs = [resnetRun];
  for (const file of readdirSync('samples').filter((name) => name.endsWith('.model.yaml') && name !== 'resnet-block.model.yaml').sort()) {
    runs.push(await initialWeightsRun(dir, file));
  }
  let max = 0;
  let layers = 0;
  for (const runDir of runs) {
    const run = await loadRun(runDir, { assetsDir });
    try {
      for (const layer of run.built.layers) {
        const io = { out: '', err: '', stdout(text: string) { io.out += text; }, stderr(text: string) { io.err += text; } };
        const code = await runInspect([runDir, '--layer', layer.id, '--sample', '1', '--json', '--backend', backend], io, { assetsDir, wasmDir: resolve('dist') });
        if (code !== 0) throw new Error(`inspect ${runDir} ${layer.id}: ${io.err}`);
        const json = JSON.parse(io.out) as InspectJson;
        const expected = tf.tidy(() => (run.built.model.execute(tf.tensor(json.input.data, [1, ...json.input.shape]), layer.output.name) as tf.Tensor).dataSync());
        json.data.forEach((value, i) => { max = Math.max(max, Math.abs(value - (expected[i] ?? NaN))); });
        layers++;
      }
    } finally {
      run.dispose();
    }
  }
  return { max, layers, samples: runs.map((runDir) => runDir.split('/').pop() ?? runDir) };
}

async function initialWeightsRun(dir: string, file: string): Promise<string> {
  const name = file.replace('.model.yaml', '');
  const text = readFileSync(join('samples', file), 'utf8').replace(/samples: \d+/, 'samples: 200');
  const modelFile = join(dir, file);
  writeFileSync(modelFile, text);
  const checked = checkText(text, modelFile);
  if (checked.type === 'error') throw new Error(checked.message);
  const runDir = join(dir, 'runs', `initial-${name}`);
  const built = buildModel(checked.spec, 1);
  try {
    await saveModelFiles(built.model, join(runDir, RUN_FILES.model));
  } finally {
    built.model.dispose();
  }
  cpSync(modelFile, join(runDir, RUN_FILES.spec));
  writeMeta(runDir, {
    name, modelFile, runId: `initial-${name}`, backend: 'bench', device: 'bench', software: false, reasons: [], versions: {},
    seed: 1, status: 'completed', startedAt: new Date().toISOString(), epochsPlanned: 0, epochsDone: 0, final: {},
  });
  return runDir;
}
