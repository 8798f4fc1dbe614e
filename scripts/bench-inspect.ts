// Inspector benchmark, runtime side (the panel bench adds the runtime → extension → webview round trip):
//   allLayers:   featureMaps of every layer of samples/resnet-block.model.yaml for one example, median of 20
//   epochSwitch: open the run at another checkpoint epoch (weights swap) + featureMaps of one layer, median of 20
//   maxAbsDiffVsExecute: max |`layerlens inspect --json` data − model.execute| over every layer of every sample
// The ResNet run is trained here (3 short epochs on 300 MNIST digits) so it has real checkpoints; the other
// samples are saved with their initial weights. Prints JSON; asserts nothing. Needs `npm run build` (dist/data).
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { featureMaps, loadRun } from '../runtime/analysis';
import { selectBackend, type BackendPreference } from '../runtime/backends';
import { runInspect } from '../runtime/cli/inspect';
import { benchSessionCache, copySample, initialWeightsRun, medianMs, sampleName, trainBenchRun } from './bench-analysis-harness';

export interface BenchInspectOptions {
  readonly backend?: BackendPreference;
  readonly repeats?: number;
  readonly assetsDir?: string;
  readonly log?: (line: string) => void;
}

const fewer = (count: number) => (text: string): string => text.replace(/samples: \d+/, `samples: ${count}`);
/** Samples without a validation split (the GAN) get one: `inspect --sample 1` needs a validation example. */
const withValidation = (text: string): string => text.replace(/validationSplit: 0(?![.\d])/, 'validationSplit: 0.1');

export async function benchInspect(options: BenchInspectOptions = {}): Promise<Record<string, unknown>> {
  const log = options.log ?? ((): void => undefined);
  const repeats = options.repeats ?? 20;
  const assetsDir = options.assetsDir ?? resolve('dist/data');
  const selection = await selectBackend({ preference: options.backend ?? 'auto', nodeModuleDirs: [], wasmDir: resolve('dist') });
  log(`inspect bench on ${selection.backend}: training resnet-block for 3 short epochs…`);
  const resnet = copySample('resnet-block.model.yaml', 'inspect', fewer(300));
  const resnetRun = await trainBenchRun(resnet, 3, selection.backend, assetsDir);
  const cache = benchSessionCache(assetsDir);
  const session = await cache.open(resnetRun, undefined);
  const ids = session.layerIds;
  const allLayersMs = await medianMs(repeats, 3, (i) => featureMaps(session, ids, { example: i % session.dataset.validation.size }));
  const epochs = session.epochs;
  const epochSwitchMs = await medianMs(repeats, 1, async (i) => {
    const switched = await cache.open(resnetRun, epochs[i % epochs.length]);
    await featureMaps(switched, ['stem'], { example: 0 });
  });
  cache.clear();
  log('inspect bench: comparing `layerlens inspect --json` with model.execute on every sample…');
  const diff = await maxDiffOnSamples(resnetRun, assetsDir, selection.backend);
  return {
    backend: selection.backend, device: selection.device, repeats,
    resnetLayers: ids.length,
    allLayersMedianMs: allLayersMs,
    epochSwitchOneLayerMedianMs: epochSwitchMs,
    maxAbsDiffVsExecute: diff.max, comparedLayers: diff.layers, samples: diff.samples,
  };
}

interface InspectJson { readonly data: number[]; readonly input: { readonly shape: number[]; readonly data: number[] } }

/** `layerlens inspect --json` for every layer of every sample (ResNet trained, the others with initial weights). */
async function maxDiffOnSamples(resnetRun: string, assetsDir: string, backend: BackendPreference): Promise<{ max: number; layers: number; samples: string[] }> {
  const runs = [resnetRun];
  for (const file of readdirSync('samples').filter((name) => name.endsWith('.model.yaml') && name !== 'resnet-block.model.yaml').sort()) {
    runs.push(await initialWeightsRun(copySample(file, 'inspect', (text) => withValidation(fewer(200)(text))), `initial-${sampleName(file)}`));
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
