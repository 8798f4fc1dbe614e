// Grad-CAM (Selvaraju et al.) and Grad-CAM++ (jacobgil/pytorch-grad-cam's convention) on any layer with a spatial
// output. Maps are raw (not normalised), ReLU'd, at the layer's resolution, plus a half-pixel bilinear upsampling to
// the input size. Gradients are of the pre-softmax class logit, taken w.r.t. the layer's output A through
// LayerGraph's `replace`.
import * as tf from '@tensorflow/tfjs';
import type { LayerGraph } from '../layer-graph';
import { assertSingleInput, classScore, readTensors, upsample, type MapData } from './class-score';

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

function checkCamArguments(graph: LayerGraph, x: tf.Tensor, layerId: string): void {
  assertSingleInput(graph, x);
  assertSpatialLayer(graph, layerId);
}

/** A `[1, h, w, K]` and g = ∂S/∂A `[1, h, w, K]` for `x` `[1, H, W, C]`. Caller tidies. */
function activationAndGradient(graph: LayerGraph, x: tf.Tensor, layerId: string, classIndex: number): { a: tf.Tensor4D; g: tf.Tensor4D } {
  const a = graph.run(x, { until: layerId }).output as tf.Tensor4D;
  const g = tf.grad((replacement: tf.Tensor) => classScore(graph.run(x, { replace: new Map([[layerId, replacement]]) }).logits, classIndex))(a) as tf.Tensor4D;
  return { a, g };
}

/**
 * map = ReLU(Σ_k w_k A^k) (or the raw sum): `a` `[1, h, w, K]`, `weights` `[K]`, computed by `compute` inside a tidy
 * scope, then read: map `[h, w]`, upsampled `[H, W]`, and why the map is zero when it is.
 */
export async function weightedMap(graph: LayerGraph, layerId: string, applyRelu: boolean,
  compute: () => { a: tf.Tensor4D; weights: tf.Tensor1D }): Promise<CamResult> {
  const tensors = tf.tidy(() => {
    const { a, weights } = compute();
    const raw = tf.sum<tf.Tensor4D>(tf.mul(a, weights), -1, true);
    const map = applyRelu ? tf.relu(raw) : raw;
    const upsampled = upsample(map, [graph.spec.input[0] ?? 1, graph.spec.input[1] ?? 1]);
    return { map, upsampled, weights, aMaxAbs: tf.max(tf.abs(a)) };
  });
  const [h = 1, w = 1] = tensors.map.shape.slice(1);
  const data = await readTensors(tensors);
  const result = {
    layer: layerId, map: { shape: [h, w], data: data.map }, upsampled: { shape: graph.spec.input.slice(0, 2), data: data.upsampled }, weights: data.weights,
  };
  return data.map.every((v) => v === 0) ? { ...result, zeroReason: zeroReason(data.aMaxAbs[0] ?? 0, data.weights) } : result;
}

function zeroReason(aMaxAbs: number, weights: Float32Array): string {
  if (aMaxAbs === 0) {
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
export async function gradCam(graph: LayerGraph, x: tf.Tensor, classIndex: number, layerId: string = defaultCamLayer(graph)): Promise<CamResult> {
  checkCamArguments(graph, x, layerId);
  return weightedMap(graph, layerId, true, () => {
    const { a, g } = activationAndGradient(graph, x, layerId, classIndex);
    return { a, weights: tf.reshape<tf.Rank.R1>(tf.mean(g, [0, 1, 2]), [-1]) };
  });
}

/**
 * Grad-CAM++ as jacobgil/pytorch-grad-cam computes it (g = ∂S/∂A, shapes `[1, h, w, K]`):
 * α = g² / (2g² + Σ_ab A_ab · g³ + 1e-6), 0 where g = 0; w_k = Σ_ij α_ij · ReLU(g_ij); map = ReLU(Σ_k w_k A^k).
 */
export async function gradCamPlusPlus(graph: LayerGraph, x: tf.Tensor, classIndex: number, layerId: string = defaultCamLayer(graph)): Promise<CamResult> {
  checkCamArguments(graph, x, layerId);
  return weightedMap(graph, layerId, true, () => {
    const { a, g } = activationAndGradient(graph, x, layerId, classIndex);
    const g2 = tf.square(g);
    const g3 = tf.mul(g2, g);
    const sumA = tf.sum(a, [1, 2], true); // Σ_ab A^k_ab: [1, 1, 1, K]
    const alpha = tf.div(g2, tf.add(tf.add(tf.mul(2, g2), tf.mul(sumA, g3)), 1e-6));
    const alphaMasked = tf.where(tf.notEqual(g, 0), alpha, tf.zerosLike(alpha));
    return { a, weights: tf.reshape<tf.Rank.R1>(tf.sum(tf.mul(alphaMasked, tf.relu(g)), [0, 1, 2]), [-1]) };
  });
}
