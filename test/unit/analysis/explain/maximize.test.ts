// Activation maximization: the target rises, the run is replayable from its seed, and nothing leaks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../runtime/backends';
import { maximize } from '../../../../runtime/analysis/explain';
import { disposeGraph, graphOf, LENET_LIKE } from './helpers';

test('maximizing a class logit and a channel raises them; same seed, same image; snapshots show the evolution', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(LENET_LIKE);
  await maximize(graph, { class: 0 }, { steps: 1 }); // warm-up: builds the logits twin the graph keeps
  const before = tf.memory().numTensors;
  const a = await maximize(graph, { class: 2 }, { steps: 30, seed: 3 });
  const b = await maximize(graph, { class: 2 }, { steps: 30, seed: 3 });
  const channel = await maximize(graph, { layer: 'c3', channel: 1 }, { steps: 30, seed: 3 });
  assert.equal(tf.memory().numTensors, before, 'no tensors leak');
  assert.equal(a.score.length, 30);
  assert.ok((a.score[29] ?? -Infinity) > (a.score[0] ?? Infinity), `class score ${a.score[0]} → ${a.score[29]}`);
  assert.ok((channel.score[29] ?? -Infinity) > (channel.score[0] ?? Infinity), `channel ${channel.score[0]} → ${channel.score[29]}`);
  assert.deepEqual(a.image.data, b.image.data);
  assert.deepEqual(a.image.shape, [12, 12, 1]);
  assert.ok(a.image.data.every((v) => v >= 0 && v <= 1));
  assert.equal(a.snapshots.at(-1)?.step, 30);
  assert.ok(a.snapshots.length >= 8);
  await assert.rejects(() => maximize(graph, { layer: 'c3', channel: 9 }, { steps: 1 }), /out of range/);
  disposeGraph(graph);
});
