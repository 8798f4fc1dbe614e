// The wasm Conv2DBackpropFilter (im2col + one BatchMatMul) and Conv2DBackpropInput (one BatchMatMul + col2im) when
// their column matrices are split over the batch (a budget below one image, as a large input would be), and the
// strided copies in wasm memory they are built on. The unsplit kernels are checked in kernel-fixes.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Conv2DBackpropFilter, Conv2DBackpropInput, getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs';
import type { KernelFunc } from '@tensorflow/tfjs';
import { makeConv2DBackpropFilterViaConv } from '../../../runtime/backends/kernels/conv2d-backprop-filter';
import { makeConv2DBackpropFilterIm2col } from '../../../runtime/backends/kernels/conv2d-backprop-filter-im2col';
import { makeConv2DBackpropInputCol2im } from '../../../runtime/backends/kernels/conv2d-backprop-input-col2im';
import { stridedAdd, stridedGather } from '../../../runtime/backends/kernels/strided-copies';
import { convGradients, type ConvCase } from './conv-cases';
import { useBackend } from './helpers';
import { assertMatchesReference } from './kernel-reference';

const cases: readonly ConvCase[] = [
  { x: [3, 9, 8, 2], filter: [4, 3, 2, 5], strides: [2, 3], pad: 'same' },
  { x: [5, 12, 12, 1], filter: [5, 5, 1, 6], strides: 1, pad: 'valid' },
];

/** Runs `body` with wasm's `kernelName` replaced by `kernelFunc`, then puts the registered kernel back. */
async function withWasmKernel(kernelName: string, kernelFunc: KernelFunc, body: () => Promise<void>): Promise<void> {
  const registered = getKernel(kernelName, 'wasm');
  assert.ok(registered, `wasm has a ${kernelName} kernel`);
  unregisterKernel(kernelName, 'wasm');
  registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  try {
    await body();
  } finally {
    unregisterKernel(kernelName, 'wasm');
    registerKernel(registered);
  }
}

for (const c of cases) {
  const label = `x ${JSON.stringify(c.x)} filter ${JSON.stringify(c.filter)} stride ${JSON.stringify(c.strides)} ${c.pad}`;
  test(`conv2d gradients with the column matrices split one image per chunk (${label}) match the stock cpu kernels`, async () => {
    await useBackend('wasm');
    // The split kernels' fallbacks (NCHW only) are the ones registered now.
    const registeredInput = getKernel(Conv2DBackpropInput, 'wasm')?.kernelFunc;
    assert.ok(registeredInput);
    // A budget of 1 float: every chunk holds a single image.
    await withWasmKernel(Conv2DBackpropFilter, makeConv2DBackpropFilterIm2col('wasm', makeConv2DBackpropFilterViaConv('wasm'), 1), () =>
      withWasmKernel(Conv2DBackpropInput, makeConv2DBackpropInputCol2im('wasm', registeredInput, 1), () =>
        assertMatchesReference(`split ${label}`, convGradients(c))));
  });
}

test('gather2d and add2d copy and add strided 2-D blocks of the wasm memory', async () => {
  await useBackend('wasm');
  const backend = tf.backend();
  const [gather, add] = [stridedGather(backend), stridedAdd(backend)];
  assert.ok(gather && add, 'both link to the wasm backend memory');
  const source = tf.tensor1d(Array.from({ length: 40 }, (_, i) => i));
  const target = tf.zeros([15]);
  const view = (t: tf.Tensor): Float32Array => (backend as unknown as { typedArrayFromHeap(t: tf.TensorInfo): Float32Array }).typedArrayFromHeap(t);
  // Rows 10, 20, 30 of the source; every second value; destination rows 5 floats apart.
  gather(view(source).byteOffset + 40, view(target).byteOffset, 3, 4, 40, 8, 20);
  assert.deepEqual(Array.from(view(target)), [10, 12, 14, 16, 0, 20, 22, 24, 26, 0, 30, 32, 34, 36, 0]);
  // Adds source values 0, 1 and 3, 4 to destination rows 0 and 1 (its values 10, 12 and 20, 22).
  add(view(source).byteOffset, view(target).byteOffset, 2, 2, 12, 20);
  assert.deepEqual(Array.from(view(target)).slice(0, 7), [10, 13, 14, 16, 0, 23, 26]);
  tf.dispose([source, target]);
});
