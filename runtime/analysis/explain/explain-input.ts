// One entry point for every explanation method by its CLI/protocol name: picks the class (predicted by default),
// runs the method, and adds the plain-word warnings the view and the CLI show (all-zero Grad-CAM and why, a
// completeness/conservation gap over 5%, an output that is not a class score).
import type * as tf from '@tensorflow/tfjs';
import type { ExplainMethod } from '../../protocol';
import type { LayerGraph } from '../layer-graph';
import { cam } from './cam';
import type { Between } from './chunked-sum';
import { predict, type MapData } from './class-score';
import { gradCam, gradCamPlusPlus } from './grad-cam';
import { saliency, smoothGrad } from './input-gradients';
import { integratedGradients } from './integrated-gradients';
import { lrp } from './lrp';

export type ExplainMethodName = ExplainMethod;
export const EXPLAIN_METHODS: readonly ExplainMethod[] = ['gradcam', 'gradcampp', 'cam', 'saliency', 'smoothgrad', 'ig', 'lrp-epsilon', 'lrp-zplus'];

/** Methods whose map lives at a layer's resolution (`[h, w]`); the others give `[H, W, C]` at the input's. */
export const CAM_FAMILY: ReadonlySet<ExplainMethodName> = new Set(['gradcam', 'gradcampp', 'cam']);

export function isExplainMethod(value: string): value is ExplainMethodName {
  return (EXPLAIN_METHODS as readonly string[]).includes(value);
}

export interface ExplainOptions {
  readonly method: ExplainMethodName;
  /** CAM family: the layer (default: the last spatial one; CAM: the pooled one). Ignored by input-space methods. */
  readonly layer?: string;
  /** Class to explain; default the predicted one. */
  readonly classIndex?: number;
  /** Integrated Gradients: steps m (default 50). */
  readonly steps?: number;
  /** SmoothGrad: samples n (default 20). */
  readonly samples?: number;
  /** SmoothGrad: σ as a fraction of the input range (default 0.2). */
  readonly sigma?: number;
  /** SmoothGrad: noise seed (default 0). */
  readonly seed?: number;
  /** Integrated Gradients: baseline `[1, ...input]` (default black). */
  readonly baseline?: tf.Tensor;
  /** Layer id → 1-based line in the model file, for LRP's message about a layer it has no rule for. */
  readonly lines?: ReadonlyMap<string, number>;
  /** Runs between chunks of SmoothGrad/IG work (cancellation). */
  readonly between?: Between;
}

export interface Explanation {
  readonly method: ExplainMethodName;
  /** The layer the map was computed at (CAM family), or null for input-space methods. */
  readonly layer: string | null;
  readonly classIndex: number;
  /** Pre-softmax scores and the model's output for the input (flattened). */
  readonly logits: Float32Array;
  readonly probs: Float32Array;
  /** Raw map: `[h, w]` (CAM family) or `[H, W, C]` (input-space methods). */
  readonly map: MapData;
  /** Display map at the input's resolution `[H, W]`: bilinear upsampling, or the channel reduction. */
  readonly upsampled: MapData;
  /** IG: completeness gap; LRP: conservation gap (percent). */
  readonly gapPercent?: number;
  /** SmoothGrad: the seed and absolute σ used, so a result can be replayed. */
  readonly seed?: number;
  readonly sigmaAbsolute?: number;
  /** Suspect results, in plain words. */
  readonly warnings: readonly string[];
}

/** Gaps above this percentage make a warning. */
const GAP_WARNING_PERCENT = 5;

/** Explains one input `x` `[1, ...input]` of `graph` with `options.method`. */
export async function explainInput(graph: LayerGraph, x: tf.Tensor, options: ExplainOptions): Promise<Explanation> {
  const prediction = await predict(graph, x);
  const classIndex = options.classIndex ?? prediction.predicted;
  const warnings = outputWarnings(graph);
  const base = { method: options.method, classIndex, logits: prediction.logits, probs: prediction.probs };
  switch (options.method) {
    case 'gradcam':
    case 'gradcampp':
    case 'cam': {
      const run = options.method === 'gradcam' ? gradCam : options.method === 'gradcampp' ? gradCamPlusPlus : cam;
      const result = await run(graph, x, classIndex, options.layer);
      if (result.zeroReason) warnings.push(`The map is zero everywhere: ${result.zeroReason}.`);
      return { ...base, layer: result.layer, map: result.map, upsampled: result.upsampled, warnings };
    }
    case 'saliency': {
      const result = await saliency(graph, x, classIndex);
      return { ...base, layer: null, map: result.map, upsampled: result.upsampled, warnings };
    }
    case 'smoothgrad': {
      const result = await smoothGrad(graph, x, classIndex, {
        ...(options.samples !== undefined ? { samples: options.samples } : {}), ...(options.sigma !== undefined ? { sigma: options.sigma } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.between ? { between: options.between } : {}),
      });
      return { ...base, layer: null, map: result.map, upsampled: result.upsampled, seed: result.seed, sigmaAbsolute: result.sigmaAbsolute, warnings };
    }
    case 'ig': {
      const result = await integratedGradients(graph, x, classIndex, {
        ...(options.steps !== undefined ? { steps: options.steps } : {}), ...(options.baseline ? { baseline: options.baseline } : {}),
        ...(options.between ? { between: options.between } : {}),
      });
      if (result.completenessGapPercent > GAP_WARNING_PERCENT) {
        warnings.push(`The attributions add up to ${result.attributionSum.toPrecision(4)}, but the score changes by ${result.scoreDelta.toPrecision(4)} from the baseline ` +
          `(a ${result.completenessGapPercent.toFixed(1)}% completeness gap): use more steps.`);
      }
      return { ...base, layer: null, map: result.map, upsampled: result.upsampled, gapPercent: result.completenessGapPercent, warnings };
    }
    case 'lrp-epsilon':
    case 'lrp-zplus': {
      const result = await lrp(graph, x, classIndex, options.method === 'lrp-epsilon' ? 'epsilon' : 'zplus', options.lines ? { lines: options.lines } : {});
      if (result.conservationGapPercent > GAP_WARNING_PERCENT) {
        warnings.push(`The relevance at the input adds up to ${result.relevanceSum.toPrecision(4)}, not the score ${result.score.toPrecision(4)} ` +
          `(a ${result.conservationGapPercent.toFixed(1)}% conservation gap): biases and batch normalisation absorb or add relevance.`);
      }
      return { ...base, layer: null, map: result.map, upsampled: result.upsampled, gapPercent: result.conservationGapPercent, warnings };
    }
    default: {
      const unknown: never = options.method;
      throw new Error(`unknown method ${String(unknown)}`);
    }
  }
}

/** Warns when the output is not a class score (regression, or one sigmoid unit) — explanations then explain a number. */
function outputWarnings(graph: LayerGraph): string[] {
  if (graph.spec.task === 'regression') return ['This model predicts a number, not class scores: the map explains that number, not a class.'];
  const classes = graph.built.model.outputs[0]?.shape.slice(-1)[0] ?? 0;
  if (classes === 1) return ['This model has a single output unit: the map explains its score (the logit before the sigmoid), not a choice between classes.'];
  return [];
}
