// Saving and loading model weights and optimizer state as files. Pure tfjs has no file:// handler, so models are
// saved through tf.io.withSaveHandler into the standard LayersModel format (`model.json` + `weights.bin`), which
// tf.loadLayersModel (tfjs-node's file://, or a browser over http) reads back.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { MODEL_FILES } from '../runs';

/** Writes `model.json` and `weights.bin` of `model` into `dir` (created if needed). */
export async function saveModelFiles(model: tf.LayersModel, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await model.save(tf.io.withSaveHandler((artifacts) => {
    const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
    const modelJson = {
      format: artifacts.format ?? 'layers-model',
      generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: artifacts.convertedBy ?? null,
      modelTopology: artifacts.modelTopology,
      ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
      weightsManifest: [{ paths: [`./${MODEL_FILES.weights}`], weights: artifacts.weightSpecs ?? [] }],
    };
    writeFileSync(join(dir, MODEL_FILES.weights), new Uint8Array(weightData));
    writeFileSync(join(dir, MODEL_FILES.modelJson), JSON.stringify(modelJson));
    return Promise.resolve({
      modelArtifactsInfo: {
        dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength,
      },
    });
  }));
}

interface ModelJsonFile {
  readonly weightsManifest?: readonly { readonly weights: tf.io.WeightsManifestEntry[] }[];
}

/** Loads weights saved by saveModelFiles into `model`, which must have the same architecture (same build). */
export function loadModelWeights(model: tf.LayersModel, dir: string): void {
  const json = JSON.parse(readFileSync(join(dir, MODEL_FILES.modelJson), 'utf8')) as ModelJsonFile;
  const specs = (json.weightsManifest ?? []).flatMap((group) => group.weights);
  const data = readFileSync(join(dir, MODEL_FILES.weights));
  const named = tf.io.decodeWeights(toArrayBuffer(data), specs);
  const tensors = specs.map((spec) => {
    const tensor = named[spec.name];
    if (!tensor) throw new Error(`${dir}: weight '${spec.name}' is missing`);
    return tensor;
  });
  try {
    if (tensors.length !== model.weights.length) {
      throw new Error(`${dir} holds ${tensors.length} weights but the model has ${model.weights.length}; was the model file changed?`);
    }
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}

interface OptimizerJsonFile {
  /** Weight names in getWeights() order (the encoded specs are named by index, since names may repeat). */
  readonly names: string[];
  readonly specs: tf.io.WeightsManifestEntry[];
}

/**
 * Saves `optimizer.getWeights()` (iteration count and slot variables such as Adam's moments). Returns false, saving
 * nothing, for optimizers whose state tfjs cannot export (adamax); a resumed run then restarts their state.
 */
export async function saveOptimizerFiles(optimizer: tf.Optimizer, dir: string): Promise<boolean> {
  let weights: Awaited<ReturnType<tf.Optimizer['getWeights']>>;
  try {
    weights = await optimizer.getWeights();
  } catch {
    return false;
  }
  try {
    const indexed = weights.map((w, i) => ({ name: String(i), tensor: w.tensor }));
    const { data, specs } = await tf.io.encodeWeights(indexed);
    const file: OptimizerJsonFile = { names: weights.map((w) => w.name), specs };
    writeFileSync(join(dir, MODEL_FILES.optimizerWeights), new Uint8Array(data));
    writeFileSync(join(dir, MODEL_FILES.optimizerJson), JSON.stringify(file));
    return true;
  } finally {
    // getWeights() makes a fresh tensor for the iteration count; the others are the optimizer's own variables.
    const iteration = weights.find((w) => w.name === 'iter');
    iteration?.tensor.dispose();
  }
}

/** Restores what saveOptimizerFiles wrote; call before the first training step. */
export async function loadOptimizerFiles(optimizer: tf.Optimizer, dir: string): Promise<void> {
  const file = JSON.parse(readFileSync(join(dir, MODEL_FILES.optimizerJson), 'utf8')) as OptimizerJsonFile;
  const named = tf.io.decodeWeights(toArrayBuffer(readFileSync(join(dir, MODEL_FILES.optimizerWeights))), file.specs);
  const weights = file.names.map((name, i) => {
    const tensor = named[String(i)];
    if (!tensor) throw new Error(`${dir}: optimizer weight ${i} (${name}) is missing`);
    return { name, tensor };
  });
  try {
    await optimizer.setWeights(weights); // copies the values into new variables
  } finally {
    tf.dispose(weights.map((w) => w.tensor));
  }
}

function toArrayBuffer(data: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(data.byteLength);
  new Uint8Array(copy).set(data);
  return copy;
}
