// Grad-CAM (Selvaraju et al.) and Grad-CAM++ (jacobgil/pytorch-grad-cam's convention) on any layer with a spatial
// output. Maps are raw (not normalised), ReLU'd, at the layer's resolution, plus a half-pixel bilinear upsampling to
// the input size. Gradients are of the pre-softmax class logit, taken w.r.t. the layer's output A through
// LayerGraph's `replace`.
import * as tf from '@tensorflow/tfjs';
import type { LayerGraph } from '../layer-graph';
import { assertSingleInput, classScore, readMap, upsample, type MapData, tidyData } from './class-score';

export interface CamResult {
  readonly layer: string;
  /** Raw map at the layer's resolution: shape `[h, w]`. */
  readonly map: MapData;
  /** `map` upsampled to the input: shape `[H, W]`. */
  readonly upsampled: MapData;
  /** Channel weights: α_k (Grad-CAM), w_k (Grad-CAM++), the class's dense weights (CAM). Length K. */
  readonly weights: Float32Array;
  /** Set when the map is all zero, saying why in plain words. */
  readonly zeroReason?: string;
}

/** Ids of layers whose output is spatial (`[h, w, c]`), in file order; the last is Grad-CAM's default. */
export function spatialLayerIds(graph: LayerGraph): string[] {
  return graph.built.layers.filter((l) => l.inModel && l.output.shape.length === 4).map((l) => l.id);
}

/** The layer Grad-CAM uses when none is named: the last one with a spatial output. */
export function defaultCamLayer(graph: LayerGraph): string {
  const ids = spatialLayerIds(graph);
  const last = ids[ids.length - 1];
  if (last === undefined) throw new Error(`model '${graph.spec.name}' has no layer with a spatial [h, w, c] output, so Grad-CAM does not apply`);
  return last;
}

/** Checks that `layerId` exists and has a spatial output. */
export function assertSpatialLayer(graph: LayerGraph, layerId: string): void {
  const layer = graph.built.layers.find((l) => l.id === layerId);
  if (!layer) throw new Error(`no layer '${layerId}' in model '${graph.spec.name}'`);
  if (layer.output.shape.length !== 4) {
    throw new Error(`layer '${layerId}' has output [${layer.output.shape.slice(1).join(', ')}], not a spatial [h, w, c] one; ` +
      `CAM methods need one (e.g. '${spatialLayerIds(graph).slice(-1)[0] ?? 'a conv layer'}')`);
  }
}

/** A `[1, h, w, K]` and g = ∂S/∂A `[1, h, w, K]` for `x` `[1, H, W, C]`. Caller tidies. */
function activationAndGradient(graph: LayerGraph, x: tf.Tensor, layerId: string, classIndex: number): { a: tf.Tensor4D; g: tf.Tensor4D } {
  assertSingleInput(graph, x);
  assertSpatialLayer(graph, layerId);
  const a = graph.run(x, { until: layerId }).output as tf.Tensor4D;
  const g = tf.grad((replacement: tf.Tensor) => classScore(graph.run(x, { replace: new Map([[layerId, replacement]]) }).logits, classIndex))(a) as tf.Tensor4D;
  return { a, g };
}

/** map = ReLU(Σ_k w_k A^k): `a` `[1, h, w, K]`, `weights` `[K]` → `{ map [1, h, w, 1] }` plus why it is zero. */
export function weightedMap(graph: LayerGraph, layerId: string, a: tf.Tensor4D, weights: tf.Tensor1D, applyRelu: boolean): CamResult {
  const raw = tf.sum<tf.Tensor4D>(tf.mul(a, weights), -1, true);
  const map = applyRelu ? tf.relu(raw) : raw;
  const upsampled = upsample(map, [graph.spec.input[0] ?? 1, graph.spec.input[1] ?? 1]);
  const w = Float32Array.from(weights.dataSync());
  const isZero = tf.max(tf.abs(map)).dataSync()[0] === 0;
  const squeeze = (t: tf.Tensor4D): MapData => { const m = readMap(t); return { shape: m.shape.slice(0, 2), data: m.data }; };
  const result = { layer: layerId, map: squeeze(map), upsampled: squeeze(upsampled), weights: w };
  return isZero ? { ...result, zeroReason: zeroReason(a, w) } : result;
}

function zeroReason(a: tf.Tensor, weights: Float32Array): string {
  if (tf.max(tf.abs(a)).dataSync()[0] === 0) {
    return 'the layer\'s output is zero everywhere for this input (dead ReLUs), so there is nothing to weight';
  }
  if (weights.every((w) => w <= 0)) {
    return 'every channel weight is ≤ 0: raising any of this layer\'s features would lower the class score, and the ReLU removes negative evidence';
  }
  return 'the weighted sum of the channels is ≤ 0 at every position (positive weights sit on channels that are zero here), and the ReLU removes it';
}

/**
 * Grad-CAM: α_k = mean_ij ∂S/∂A^k_ij; map = ReLU(Σ_k α_k A^k) (a sum over channels, not a mean), raw.
 * `x`: `[1, H, W, C]`; layer output A: `[1, h, w, K]`; map `[h, w]`, upsampled `[H, W]`.
 */
export function gradCam(graph: LayerGraph, x: tf.Tensor, classIndex: number, layerId: string = defaultCamLayer(graph)): CamResult {
  return tidyData(() => {
    const { a, g } = activationAndGradient(graph, x, layerId, classIndex);
    const alpha = tf.reshape<tf.Rank.R1>(tf.mean(g, [0, 1, 2]), [-1]);
    return weightedMap(graph, layerId, a, alpha, true);
  });
}

/**
 * Grad-CAM++ as jacobgil/pytorch-grad-cam computes it (g = ∂S/∂A, shapes `[1, h, w, K]`):
 * α = g² / (2g² + Σ_ab A_ab · g³ + 1e-6), 0 where g = 0; w_k = Σ_ij α_ij · ReLU(g_ij); map = ReLU(Σ_k w_k A^k).
 */
export function gradCamPlusPlus(graph: LayerGraph, x: tf.Tensor, classIndex: number, layerId: string = defaultCamLayer(graph)): CamResult {
  return tidyData(() => {
    const { a, g } = activationAndGradient(graph, x, layerId, classIndex);
    const g2 = tf.square(g);
    const g3 = tf.mul(g2, g);
    const sumA = tf.sum(a, [1, 2], true); // Σ_ab A^k_ab: [1, 1, 1, K]
    const alpha = tf.div(g2, tf.add(tf.add(tf.mul(2, g2), tf.mul(sumA, g3)), 1e-6));
    const alphaMasked = tf.where(tf.notEqual(g, 0), alpha, tf.zerosLike(alpha));
    const weights = tf.reshape<tf.Rank.R1>(tf.sum(tf.mul(alphaMasked, tf.relu(g)), [0, 1, 2]), [-1]);
    return weightedMap(graph, layerId, a, weights, true);
  });
}
