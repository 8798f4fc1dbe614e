// Does the final output fit the task? Every mismatch is an error: a model that cannot train against the task's
// targets must not look trainable (a warning means "this trains"). A dense head on a rank-3 tensor gets quick fixes.
import { insertLayerFixes } from './fixes';
import { formatShape } from './infer';
import type { ParsedLayer } from './parse-layers';
import type { Reporter } from './source';
import { MODEL_INPUT, type LayerGraph } from './graph';
import type { Shape, Task } from './types';

export interface TaskCheckInput {
  readonly task: Task;
  readonly input: Shape | undefined;
  readonly layers: readonly ParsedLayer[];
  readonly graph: LayerGraph;
  /** Per layer output shape (null when unknown). */
  readonly outputs: readonly (Shape | null)[];
  readonly text: string;
  readonly format: 'yaml' | 'json';
}

/** Layers that keep the rank and can sit after the head dense layer. */
const HEAD_LAYERS: ReadonlySet<string> = new Set(['dense', 'dropout', 'activation', 'batchNormalization']);

export function checkTaskOutput(report: Reporter, check: TaskCheckInput): void {
  const last = check.layers.length - 1;
  const lastLayer = check.layers[last];
  const output = check.outputs[last];
  if (!lastLayer || !output) return;
  const lastId = check.graph.ids[last] ?? '';
  if (check.task === 'reconstruction') {
    const input = check.input ?? [];
    if (output.length !== input.length || output.some((d, i) => d !== input[i])) {
      report.report('error', 'task-output',
        `reconstruction needs an output equal to the input ${formatShape(input)}, but '${lastId}' outputs ${formatShape(output)}`, lastLayer.typeRange);
    }
    return;
  }
  if (check.task === 'segmentation') {
    const input = check.input ?? [];
    const fits = input.length === 3 && output.length === 3 && output[0] === input[0] && output[1] === input[1];
    if (!fits) {
      report.report('error', 'task-output',
        `segmentation needs an output [height, width, classes] with the input's height and width ${formatShape(input.slice(0, 2))}, but '${lastId}' outputs ${formatShape(output)}`,
        lastLayer.typeRange);
    }
    return;
  }
  if (output.length === 1) return;
  const what = check.task === 'classification' ? '[classes]' : '[values]';
  const head = firstDenseOnHighRank(check, last);
  if (head === undefined) {
    report.report('error', 'task-output', `${check.task} needs a rank-1 output ${what}, but '${lastId}' outputs ${formatShape(output)}`, lastLayer.typeRange);
    return;
  }
  const headLayer = check.layers[head.index];
  const headId = check.graph.ids[head.index] ?? '';
  if (!headLayer) return;
  const choices = head.inputShape.length === 3 ? (['flatten', 'globalAveragePooling2d'] as const) : (['flatten'] as const);
  // Keras builds such a model, but it cannot train against one target per example: an error, with the fixes.
  report.report('error', 'task-output',
    `${check.task} needs a rank-1 output ${what}, but the model outputs ${formatShape(output)}: '${headId}' gets ${formatShape(head.inputShape)} ` +
      `and, as in Keras, a dense layer then applies to the last axis only; insert ${choices.join(' or ')} before it`,
    headLayer.typeRange, insertLayerFixes(check.text, check.format, headLayer.entryStart, headId, choices));
}

/** Walks back from the output through dense/dropout/activation/BN and returns the earliest dense fed a rank > 1 input. */
function firstDenseOnHighRank(check: TaskCheckInput, last: number): { index: number; inputShape: Shape } | undefined {
  let found: { index: number; inputShape: Shape } | undefined;
  let current = last;
  for (let steps = 0; steps <= check.layers.length; steps++) {
    const layer = check.layers[current];
    const producers = check.graph.inputs[current];
    if (!layer || !HEAD_LAYERS.has(layer.type) || producers?.length !== 1) break;
    const producer = producers[0] ?? MODEL_INPUT;
    const inputShape = producer === MODEL_INPUT ? check.input : check.outputs[producer];
    if (!inputShape) break;
    if (layer.type === 'dense' && inputShape.length > 1) found = { index: current, inputShape };
    if (producer === MODEL_INPUT) break;
    current = producer;
  }
  return found;
}
