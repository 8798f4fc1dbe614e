// CAM (Zhou et al.) for models that end in global average pooling followed by one dense layer: M_c = Σ_k w_k,c A^k,
// with w the dense kernel's column for class c and A the pooled feature maps. For such a model Grad-CAM equals
// ReLU(CAM) / (h·w). Other models get a sentence saying why CAM does not apply.
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../language';
import type { LayerGraph } from '../layer-graph';
import { assertSingleInput } from './class-score';
import { weightedMap, type CamResult } from './grad-cam';

/** The feature layer and dense layer CAM uses, or why the model is not GAP → dense. */
export type CamStructure = { readonly ok: true; readonly featureLayer: string; readonly denseLayer: string } | { readonly ok: false; readonly reason: string };

/** Finds `A → globalAveragePooling2d → (dropout…) → dense (last layer)`. */
export function camStructure(graph: LayerGraph): CamStructure {
  const layers = graph.spec.layers;
  const byId = new Map(layers.map((l) => [l.id, l]));
  const inputOf = (layer: LayerSpec): string | undefined => {
    if (layer.from) return layer.from.length === 1 ? layer.from[0] : undefined;
    const index = layers.indexOf(layer);
    return index > 0 ? layers[index - 1]?.id : 'input';
  };
  const last = layers[layers.length - 1];
  const notCam = (why: string): CamStructure => ({ ok: false, reason: `CAM needs a model that ends in globalAveragePooling2d followed by one dense layer; ${why}. Use Grad-CAM, which works on any spatial layer.` });
  if (!last) return notCam('this model has no layers');
  let dense: LayerSpec | undefined = last;
  if (dense.type === 'activation' && (dense.fn === 'softmax' || dense.fn === 'sigmoid' || dense.fn === 'linear')) dense = byId.get(inputOf(dense) ?? '');
  if (dense?.type !== 'dense') return notCam(`its output layer '${last.id}' is ${last.type}, not dense`);
  let pooled = byId.get(inputOf(dense) ?? '');
  while (pooled?.type === 'dropout') pooled = byId.get(inputOf(pooled) ?? '');
  if (pooled?.type !== 'globalAveragePooling2d') {
    return notCam(`the dense layer '${dense.id}' takes ${pooled ? `'${pooled.id}' (${pooled.type})` : 'the model input'}, not a globalAveragePooling2d layer`);
  }
  const feature = inputOf(pooled);
  if (!feature || feature === 'input') return notCam(`'${pooled.id}' pools the model input itself`);
  return { ok: true, featureLayer: feature, denseLayer: dense.id };
}

/**
 * CAM for class `classIndex`. `x`: `[1, H, W, C]`; A: `[1, h, w, K]`; dense kernel `[K, classes]`.
 * `map` `[h, w]` is M_c raw (no ReLU, no bias, not normalised); `upsampled` `[H, W]`. `layerId`, when given, must be
 * the layer the global pooling reads.
 */
export async function cam(graph: LayerGraph, x: tf.Tensor, classIndex: number, layerId?: string): Promise<CamResult> {
  const structure = camStructure(graph);
  if (!structure.ok) throw new Error(structure.reason);
  if (layerId !== undefined && layerId !== structure.featureLayer) {
    throw new Error(`CAM is defined on '${structure.featureLayer}', the layer the global average pooling reads, not on '${layerId}'`);
  }
  assertSingleInput(graph, x);
  const dense = graph.built.layers.find((l) => l.id === structure.denseLayer)?.layer;
  if (!dense) throw new Error(`layer '${structure.denseLayer}' is not built`);
  const kernelShape = dense.getWeights()[0]?.shape ?? [];
  const classes = kernelShape[1] ?? 0;
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classes) throw new Error(`class ${classIndex} is out of range 0..${classes - 1}`);
  return weightedMap(graph, structure.featureLayer, false, () => {
    const a = graph.run(x, { until: structure.featureLayer }).output as tf.Tensor4D;
    const kernel = dense.getWeights()[0] as tf.Tensor2D; // [K, classes]
    return { a, weights: tf.reshape<tf.Rank.R1>(tf.slice(kernel, [0, classIndex], [-1, 1]), [-1]) };
  });
}
