// Grad-CAM, Grad-CAM++ and CAM: the identities that tie them together and to the paper, on seeded small models.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../runtime/backends';
import { cam, camStructure, defaultCamLayer, gradCam, gradCamPlusPlus, predict, upsample } from '../../../../runtime/analysis/explain';
import { disposeGraph, GAP_DENSE, graphOf, inputOf, LENET_LIKE, maxAbs, randomiseBiases } from './helpers';

test('GAP → dense: Grad-CAM equals ReLU(CAM) / (h·w), a positive constant, for every class', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(GAP_DENSE);
  randomiseBiases(graph);
  const x = inputOf([8, 8, 2]);
  await predict(graph, x); // builds the logits twin (weight copies the graph keeps until dispose)
  const before = tf.memory().numTensors;
  assert.equal(defaultCamLayer(graph), 'c2');
  for (let c = 0; c < 3; c++) {
    const grad = await gradCam(graph, x, c);
    const classic = await cam(graph, x, c);
    assert.deepEqual(grad.map.shape, [4, 4]);
    assert.deepEqual(grad.upsampled.shape, [8, 8]);
    assert.deepEqual(classic.map.shape, [4, 4]);
    const expected = Array.from(classic.map.data, (v) => Math.max(v, 0) / 16);
    const scale = Math.max(maxAbs(expected), 1e-6);
    grad.map.data.forEach((v, i) => assert.ok(Math.abs(v - (expected[i] ?? 0)) < 1e-5 * scale + 1e-7, `class ${c} at ${i}: ${v} vs ${expected[i]}`));
    // The CAM map is raw: it has negative values somewhere for at least one class, and Grad-CAM's has none.
    assert.ok(grad.map.data.every((v) => v >= 0));
  }
  assert.equal(tf.memory().numTensors, before, 'no tensors leak');
  x.dispose();
  disposeGraph(graph);
});

test('upsampling is bilinear with half-pixel centres (PyTorch align_corners=False values)', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const out = tf.tidy(() => Array.from(upsample(tf.tensor4d([0, 1, 2, 3], [1, 2, 2, 1]), [4, 4]).dataSync()));
  // torch.nn.functional.interpolate(tensor([[[[0,1],[2,3]]]]), size=4, mode='bilinear', align_corners=False)
  const torch = [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3];
  out.forEach((v, i) => assert.ok(Math.abs(v - (torch[i] ?? NaN)) < 1e-6, `${i}: ${v}`));
});

test('Grad-CAM++ weights follow the jacobgil formula; CAM explains why it does not apply to a flatten model', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(GAP_DENSE);
  const x = inputOf([8, 8, 2], 5);
  // For GAP → dense, g = ∂S/∂A^k_ij = w_k/(h·w) everywhere, so α = g²/(2g² + Σ_ab A^k_ab · g³ + 1e-6) and
  // w_k = Σ_ij α · ReLU(g) can be computed by hand from A and the dense kernel.
  const kernel = Array.from((graph.built.layers.find((l) => l.id === 'out')?.layer.getWeights()[0] as tf.Tensor).dataSync());
  const a = tf.tidy(() => Array.from(graph.run(x, { until: 'c2' }).output.dataSync()));
  const plus = await gradCamPlusPlus(graph, x, 1);
  for (let k = 0; k < 6; k++) {
    const g = (kernel[k * 3 + 1] ?? 0) / 16;
    let sumA = 0;
    for (let p = 0; p < 16; p++) sumA += a[p * 6 + k] ?? 0;
    const alpha = g === 0 ? 0 : g * g / (2 * g * g + sumA * g ** 3 + 1e-6);
    const expected = 16 * alpha * Math.max(g, 0);
    assert.ok(Math.abs((plus.weights[k] ?? NaN) - expected) < 1e-5 * Math.max(1, Math.abs(expected)), `w_${k}: ${plus.weights[k]} vs ${expected}`);
  }
  x.dispose();
  disposeGraph(graph);
  const lenet = graphOf(LENET_LIKE);
  const structure = camStructure(lenet);
  assert.equal(structure.ok, false);
  assert.match(structure.ok ? '' : structure.reason, /globalAveragePooling2d/);
  const y = inputOf([12, 12, 1]);
  await assert.rejects(() => cam(lenet, y, 0), /Grad-CAM/);
  await assert.rejects(() => gradCam(lenet, y, 0, 'f5'), /not a spatial/);
  await assert.rejects(() => gradCam(lenet, y, 7), /out of range/);
  y.dispose();
  disposeGraph(lenet);
});

test('an all-zero Grad-CAM says why: every channel weight ≤ 0', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(GAP_DENSE);
  const dense = graph.built.layers.find((l) => l.id === 'out')?.layer as tf.layers.Layer;
  const [kernel, bias] = dense.getWeights() as [tf.Tensor, tf.Tensor];
  const negative = tf.neg(tf.abs(kernel)); // every class's weights < 0, while c2 (ReLU) is ≥ 0
  dense.setWeights([negative, bias]);
  negative.dispose();
  const x = inputOf([8, 8, 2]);
  const result = await gradCam(graph, x, (await predict(graph, x)).predicted);
  assert.ok(result.map.data.every((v) => v === 0));
  assert.match(result.zeroReason ?? '', /every channel weight is ≤ 0/);
  x.dispose();
  disposeGraph(graph);
});
