// ModelSpec → tf.LayersModel with the functional API (tf.input, layer.apply, tf.model), every layer named by its
// spec id, then a check that TensorFlow.js agrees with the model language's shape inference layer by layer.
import * as tf from '@tensorflow/tfjs';
import { MODEL_INPUT_ID, formatShape, type LayerInfo, type ModelSpec } from '../language';
import { createLayer } from './layer-factory';

export interface BuiltModel {
  readonly model: tf.LayersModel;
  /** Spec layers in file order: id, the layer holding its weights, and its output as seen in the model file. */
  readonly layers: readonly BuiltModelLayer[];
  /** Dropout layers, whose seed the trainer changes every step. */
  readonly dropoutLayers: readonly tf.layers.Layer[];
}

export interface BuiltModelLayer {
  readonly id: string;
  readonly layer: tf.layers.Layer;
  /** Extra layer applied after `layer` (leakyRelu, which tfjs has no activation identifier for). */
  readonly after?: tf.layers.Layer;
  /** Symbolic output `[batch, ...shape]` (after the activation, when leakyRelu adds a layer). */
  readonly output: tf.SymbolicTensor;
  /** False for layers whose output reaches nothing (the language warns about them); they are not in `model`. */
  readonly inModel: boolean;
}

/** Builds the model. The model output is the last layer's output (as in the model language). */
export function buildModel(spec: ModelSpec, seed: number): BuiltModel {
  const input = tf.input({ shape: [...spec.input], name: MODEL_INPUT_ID });
  const outputs = new Map<string, tf.SymbolicTensor>([[MODEL_INPUT_ID, input]]);
  const built: { id: string; layer: tf.layers.Layer; extra?: tf.layers.Layer; output: tf.SymbolicTensor }[] = [];
  const dropoutLayers: tf.layers.Layer[] = [];
  let previous = input;
  for (const layerSpec of spec.layers) {
    const inputs = (layerSpec.from ?? [undefined]).map((id) => {
      if (id === undefined) return previous;
      const tensor = outputs.get(id);
      if (!tensor) throw new Error(`layer '${layerSpec.id}': 'from' names '${id}', which is not defined before it`);
      return tensor;
    });
    const firstInputShape = (inputs[0]?.shape ?? []).slice(1).map((d) => d ?? -1);
    const { main, after, isDropout } = createLayer(layerSpec, seed, firstInputShape);
    const applied = main.apply(inputs.length === 1 ? (inputs[0] as tf.SymbolicTensor) : inputs);
    let output = asSymbolic(applied, layerSpec.id);
    if (after) output = asSymbolic(after.apply(output), layerSpec.id);
    if (isDropout) dropoutLayers.push(main);
    outputs.set(layerSpec.id, output);
    built.push({ id: layerSpec.id, layer: main, ...(after ? { extra: after } : {}), output });
    previous = output;
  }
  const model = tf.model({ inputs: input, outputs: previous, name: spec.name });
  const inModel = new Set(model.layers);
  // Layers that reach no output were built (and own weights) but are not part of the model: free them now.
  for (const entry of built) {
    if (!inModel.has(entry.layer)) entry.layer.dispose();
    if (entry.extra && !inModel.has(entry.extra)) entry.extra.dispose();
  }
  return {
    model,
    layers: built.map((entry) => ({
      id: entry.id, layer: entry.layer, ...(entry.extra ? { after: entry.extra } : {}), output: entry.output, inModel: inModel.has(entry.layer),
    })),
    dropoutLayers,
  };
}

function asSymbolic(value: tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[], id: string): tf.SymbolicTensor {
  if (value instanceof tf.SymbolicTensor) return value;
  throw new Error(`layer '${id}' did not produce exactly one symbolic output`);
}

/**
 * Throws, naming the first layer that differs, unless every layer's TensorFlow.js output shape (batch dimension
 * dropped) equals the model language's inferred `outputShape`.
 */
export function assertShapesMatch(built: BuiltModel, inferred: readonly LayerInfo[]): void {
  const byId = new Map(inferred.map((info) => [info.id, info]));
  for (const layer of built.layers) {
    const info = byId.get(layer.id);
    if (!info) throw new Error(`layer '${layer.id}' is missing from the model check`);
    const actual = layer.output.shape.slice(1);
    const expected = info.outputShape;
    const same = expected !== null && actual.length === expected.length && actual.every((d, i) => d === expected[i]);
    if (!same) {
      throw new Error(
        `layer '${layer.id}' (line ${info.line}): TensorFlow.js builds output ${formatShape(actual.map((d) => d ?? -1))} ` +
          `but the model check inferred ${expected ? formatShape(expected) : 'no shape'}; this is a LayerLens bug, please report it`,
      );
    }
  }
}
