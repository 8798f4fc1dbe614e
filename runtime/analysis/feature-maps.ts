// Feature maps: the outputs of chosen layers for one input, through the shared LayerGraph (inference mode), plus
// the model's prediction. Tensors stay inside tf.tidy; values come back as Float32Arrays (read asynchronously,
// since webgpu cannot read synchronously in Node).
import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../language';
import type { AnalysisInput, FeatureMapsResult, TensorData } from '../protocol';
import { CancellationToken } from '../ipc/cancellation';
import { resolveInput } from './input';
import type { AnalysisSession } from './session';

export async function featureMaps(
  session: AnalysisSession, layerIds: readonly string[], input: AnalysisInput, token: CancellationToken = CancellationToken.none,
): Promise<FeatureMapsResult> {
  checkLayerIds(session, layerIds);
  const resolved = await resolveInput(session, input);
  let outputs: tf.Tensor[];
  try {
    token.throwIfCancelled();
    session.assertOpen(); // it may have been evicted while the input was read
    outputs = tf.tidy(() => {
      const run = session.graph.run(resolved.x);
      // Drop the batch dimension of one: `[1, ...shape]` → `shape`.
      const layers = layerIds.map((id) => dropBatch(run.outputs.get(id) as tf.Tensor));
      return [...layers, dropBatch(run.output)];
    });
  } finally {
    resolved.x.dispose();
  }
  try {
    const values = await Promise.all(outputs.map((tensor) => tensor.data<'float32'>()));
    token.throwIfCancelled();
    const layers = layerIds.map((id, i): TensorData & { id: string } => ({
      id, shape: (outputs[i] as tf.Tensor).shape, data: values[i] as Float32Array,
    }));
    return { layers, input: resolved.tensor, probs: values[values.length - 1] as Float32Array, label: resolved.label };
  } finally {
    tf.dispose(outputs);
  }
}

/** Throws one line naming the first unknown id and the ids that exist. */
export function checkLayerIds(session: AnalysisSession, layerIds: readonly string[]): void {
  assertKnownLayers(session.spec, layerIds);
}

/** Throws one line naming the first of `ids` that is no layer of `spec`, and the ids that exist. */
export function assertKnownLayers(spec: ModelSpec, ids: readonly string[]): void {
  const known = spec.layers.map((layer) => layer.id);
  for (const id of ids) {
    if (!known.includes(id)) throw new Error(`unknown layer '${id}'; the model's layers are ${known.join(', ')}`);
  }
}

function dropBatch(tensor: tf.Tensor): tf.Tensor {
  return tensor.reshape(tensor.shape.slice(1));
}
