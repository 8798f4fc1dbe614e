// `init`: copies the weights of named layers from an earlier run (transfer learning) and freezes the ones asked for.
// The source is a run folder, or a model file whose latest completed run (in the same runs folder) is used.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { formatShape, type InitRanges, type InitSpec, type Range } from '../language';
import { listRuns, MODEL_FILES, RUN_FILES } from '../runs';
import type { BuiltModel } from './build-model';

/** `init.from` names a model file that has no completed run yet: train it first (the trainer does, once). */
export class PrerequisiteMissing extends Error {
  constructor(readonly prerequisiteFile: string, message: string) {
    super(message);
  }
}

export interface InitContext {
  readonly modelFile: string;
  readonly runsDir: string;
  readonly ranges: InitRanges;
}

export interface InitOutcome {
  /** The folder holding the weights that were read (`<run>/model`). */
  readonly modelDir: string;
  readonly copied: readonly string[];
  readonly frozen: readonly string[];
  /** Layers of the default selection left untouched, with why. */
  readonly skipped: readonly string[];
}

const at = (ctx: InitContext, range: Range): string => `${ctx.modelFile}:${range.start.line + 1}:${range.start.col + 1}`;

/** The `model/` folder `init.from` stands for; throws PrerequisiteMissing when a model file has no completed run. */
export function resolveInitModelDir(init: InitSpec, ctx: InitContext): string {
  const target = resolve(dirname(ctx.modelFile), init.from);
  const where = at(ctx, ctx.ranges.from);
  if (/\.model\.(ya?ml|json)$/i.test(target)) {
    if (!existsSync(target)) throw new Error(`${where}: init.from: the model file ${init.from} does not exist`);
    const run = listRuns(ctx.runsDir, target).find((r) => r.meta.status === 'completed');
    if (!run) throw new PrerequisiteMissing(target, `${where}: init.from: ${init.from} has no completed run in ${ctx.runsDir}; train it first`);
    return join(run.runDir, RUN_FILES.model);
  }
  for (const dir of [join(target, RUN_FILES.model), target]) {
    if (existsSync(join(dir, MODEL_FILES.modelJson))) return dir;
  }
  const kind = existsSync(target) && statSync(target).isDirectory() ? 'a folder without a saved model' : 'not found';
  throw new Error(`${where}: init.from: ${init.from} is ${kind}; name a run folder or a model file (*.model.yaml)`);
}

interface ModelJson {
  readonly weightsManifest?: readonly { readonly weights: tf.io.WeightsManifestEntry[] }[];
}

/** Saved weights grouped by layer id (the part of the weight name before the first `/`), in saved order. */
export function readSavedWeights(modelDir: string): Map<string, { name: string; tensor: tf.Tensor }[]> {
  const json = JSON.parse(readFileSync(join(modelDir, MODEL_FILES.modelJson), 'utf8')) as ModelJson;
  const specs = (json.weightsManifest ?? []).flatMap((group) => group.weights);
  const data = readFileSync(join(modelDir, MODEL_FILES.weights));
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const named = tf.io.decodeWeights(buffer, specs);
  const byLayer = new Map<string, { name: string; tensor: tf.Tensor }[]>();
  for (const spec of specs) {
    const tensor = named[spec.name];
    if (!tensor) continue;
    const layerId = spec.name.split('/')[0] ?? spec.name;
    byLayer.set(layerId, [...(byLayer.get(layerId) ?? []), { name: spec.name, tensor }]);
  }
  return byLayer;
}

/**
 * Copies weights into `built` and freezes layers (before compiling). A layer listed in `init.layers` that is missing
 * from the source or whose weight shapes differ is an error at its entry in the list; the default selection skips it.
 */
export function applyInit(built: BuiltModel, init: InitSpec, ctx: InitContext): InitOutcome {
  const modelDir = resolveInitModelDir(init, ctx);
  const saved = readSavedWeights(modelDir);
  const copied: string[] = [];
  const skipped: string[] = [];
  try {
    const wanted = init.layers ?? built.layers.filter((l) => l.inModel && l.layer.weights.length > 0).map((l) => l.id);
    for (const id of wanted) {
      const layer = built.layers.find((l) => l.id === id)?.layer;
      const source = saved.get(id) ?? [];
      const mismatch = layer ? describeMismatch(layer, source, id) : `no layer '${id}' in this model`;
      if (mismatch === undefined && layer) {
        if (layer.weights.length > 0) layer.setWeights(source.map((s) => s.tensor));
        copied.push(id);
        continue;
      }
      const range = ctx.ranges.layers.find((l) => l.id === id)?.range;
      if (init.layers && range) throw new Error(`${at(ctx, range)}: init: ${mismatch ?? ''} (weights from ${modelDir})`);
      skipped.push(`${id}: ${mismatch ?? ''}`);
    }
  } finally {
    for (const weights of saved.values()) tf.dispose(weights.map((w) => w.tensor));
  }
  const frozen = typeof init.freeze === 'boolean' ? (init.freeze ? copied : []) : [...init.freeze];
  for (const id of frozen) {
    const entry = built.layers.find((l) => l.id === id);
    if (entry) entry.layer.trainable = false;
  }
  return { modelDir, copied, frozen, skipped };
}

/** Undefined when the saved weights of `id` fit `layer` exactly (same count, same shapes in order). */
function describeMismatch(layer: tf.layers.Layer, source: readonly { name: string; tensor: tf.Tensor }[], id: string): string | undefined {
  const own = layer.weights.map((w) => w.shape);
  if (source.length === 0 && own.length > 0) return `layer '${id}' has no weights in the source run`;
  const theirs = source.map((s) => s.tensor.shape);
  const same = own.length === theirs.length && own.every((shape, i) => shape.length === theirs[i]?.length && shape.every((d, j) => d === theirs[i]?.[j]));
  if (same) return undefined;
  const list = (shapes: readonly (readonly (number | null)[])[]) => shapes.map((s) => formatShape(s.map((d) => d ?? -1))).join(', ');
  return `layer '${id}' has weights ${list(own)} here but ${list(theirs)} in the source run`;
}
