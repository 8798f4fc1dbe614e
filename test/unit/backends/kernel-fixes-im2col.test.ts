// The wasm Conv2DBackpropFilter (im2col in wasm memory + one BatchMatMul) when its column matrix is split over the
// batch (a small `maxColumnFloats`, as a large input would be), and the strided copy it is built on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Conv2DBackpropFilter, getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs';
import { makeConv2DBackpropFilterViaConv } from '../../../runtime/backends/kernels/conv2d-backprop-filter';
import { makeConv2DBackpropFilterIm2col } from '../../../runtime/backends/kernels/conv2d-backprop-filter-im2col';
import { stridedGather } from '../../../runtime/backends/kernels/strided-gather';
import { seededValues, useBackend } from './helpers';
import { assertMatchesReference } from './kernel-reference';

interface Case {
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid';
}

const cases: readonly Case[] = [
  { x: [3, 9, 8, 2], filter: [4, 3, 2, 5], strides: [2, 3], pad: 'same' },
  { x: [5, 12, 12, 1], filter: [5, 5, 1, 6], strides: 1, pad: 'valid' },
];

for (const c of cases) {
  test(`conv2d filter gradient with im2col split one image per chunk (x ${JSON.stringify(c.x)}, ${c.pad}) matches the stock cpu kernel`, async () => {
    await useBackend('wasm');
    const registered = getKernel(Conv2DBackpropFilter, 'wasm');
    assert.ok(registered, 'wasm has a Conv2DBackpropFilter kernel');
    unregisterKernel(Conv2DBackpropFilter, 'wasm');
    // A budget below one image's columns: every chunk holds a single image.
    registerKernel({
      kernelName: Conv2DBackpropFilter, backendName: 'wasm',
      kernelFunc: makeConv2DBackpropFilterIm2col('wasm', makeConv2DBackpropFilterViaConv('wasm'), 1),
    });
    try {
      await assertMatchesReference('im2col in chunks', () => {
        const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.x), 21), c.x);
        const filter = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.filter), 22), c.filter);
        const outputShape = tf.conv2d(x, filter, c.strides, c.pad).shape;
        // A non-uniform upstream gradient, so every dy element matters.
        const weights = tf.tensor(seededValues(tf.util.sizeFromShape(outputShape), 23), outputShape);
        const [dFilter] = tf.grads((b: tf.Tensor) => tf.conv2d(x, b as tf.Tensor4D, c.strides, c.pad).mul(weights).sum())([filter]);
        if (dFilter === undefined) throw new Error('missing gradient');
        return [dFilter];
      });
    } finally {
      unregisterKernel(Conv2DBackpropFilter, 'wasm');
      registerKernel(registered);
    }
  });
}

test('gather2d copies a strided 2-D block of the wasm memory', async () => {
  await useBackend('wasm');
  const backend = tf.backend();
  const gather = stridedGather(backend);
  assert.ok(gather, 'gather2d links to the wasm backend memory');
  const source = tf.tensor1d(Array.from({ length: 40 }, (_, i) => i));
  const target = tf.zeros([15]);
  const view = (t: tf.Tensor): Float32Array => (backend as unknown as { typedArrayFromHeap(t: tf.TensorInfo): Float32Array }).typedArrayFromHeap(t);
  // Rows 10, 20, 30 of the source; every second value; destination rows 5 floats apart.
  gather(view(source).byteOffset + 40, view(target).byteOffset, 3, 4, 40, 8, 20);
  assert.deepEqual(Array.from(view(target)), [10, 12, 14, 16, 0, 20, 22, 24, 26, 0, 30, 32, 34, 36, 0]);
  tf.dispose([source, target]);
});
