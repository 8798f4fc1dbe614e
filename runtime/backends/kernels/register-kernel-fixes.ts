// Registers LayerLens's kernel fixes on a backend, remembering what was there so tests can compare with
// (and restore) the stock kernels. Idempotent: applying twice registers once.
//
//   wasm, kernels it lacks: Conv2DBackpropFilter (one matrix product of an im2col matrix and dy; a conv2d of
//         transposes for NCHW), DepthwiseConv2dNativeBackpropFilter/Input (one depthwise conv2d each; depthwise and
//         separable conv training need them), UnsortedSegmentSum (the cpu kernel, for embedding gradients).
//   wasm, kernels it has but slowly (the stock kernel stays for the cases a replacement does not cover):
//         BatchMatMul (explicit transposes, ~12× faster for dense-layer gradients);
//         Conv2DBackpropInput (scalar loop → one matrix product and a col2im; a conv2d of the flipped filter where
//         the col2im does not apply); MaxPoolGrad and AvgPoolGrad (every window per input element → one pass over
//         the windows, SIMD for max); GatherV2 along the first axis (~2–3 ms per 64-row batch → one row copy per
//         index); Sum and Mean over leading axes (transpose first → rows added in place); Tile (every element's source by
//         divisions → block copies; batch normalisation's gradient tiles); Concat and SplitV (row by row from
//         JavaScript / through Slice → one strided copy per piece).
//   cpu:  Conv2DBackpropFilter (stock kernel is a slow scalar loop; conv2d of transposes is ~6× faster) and
//         MaxPoolGrad (as on wasm; the stock kernel reads through buffer.get per element).
import {
  AvgPoolGrad, BatchMatMul, Concat, Conv2DBackpropFilter, Conv2DBackpropInput, DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput, GatherV2, MaxPoolGrad, Mean, SplitV, Sum, Tile, UnsortedSegmentSum, getKernel, registerKernel, unregisterKernel,
} from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import { makeAvgPoolGradScatter } from './avg-pool-grad';
import { makeBatchMatMulExplicitTranspose } from './batch-matmul-explicit-transpose';
import { makeConcatRows, makeSplitVRows } from './concat-split-rows';
import { makeConv2DBackpropFilterViaConv } from './conv2d-backprop-filter';
import { makeConv2DBackpropFilterIm2col } from './conv2d-backprop-filter-im2col';
import { makeConv2DBackpropInputViaConv } from './conv2d-backprop-input';
import { makeConv2DBackpropInputCol2im } from './conv2d-backprop-input-col2im';
import { makeCpuDelegate } from './cpu-delegate';
import { makeDepthwiseBackpropFilterViaConv } from './depthwise-backprop-filter';
import { makeDepthwiseBackpropInputViaConv } from './depthwise-backprop-input';
import { makeGatherRowsCopy } from './gather-rows';
import { makeMaxPoolGradOnePass } from './max-pool-grad';
import { makeReduceLeadingAxes } from './reduce-leading-axes';
import { makeTileCopies } from './tile-copies';

export type FixableBackend = 'wasm' | 'cpu';

/** One registered fix; `replaced` is the stock kernel it overrides, absent when the backend had none. */
interface AppliedFix {
  readonly kernelName: string;
  readonly replaced: KernelConfig | undefined;
}

const applied = new Map<FixableBackend, AppliedFix[]>();

/** The backend's stock kernel `kernelName` (a replacement falls back to it); throws when it is missing. */
function stockKernel(kernelName: string, backendName: FixableBackend): KernelConfig {
  const stock = getKernel(kernelName, backendName);
  if (stock === undefined) throw new Error(`${backendName} ${kernelName} kernel missing: import its backend first`);
  return stock;
}

/** Replacements whose formulation falls back to the stock kernel for the cases it does not cover. */
function wrappingFixes(backendName: FixableBackend, kernels: ReadonlyArray<[string, (name: string, stock: KernelFunc) => KernelFunc]>): KernelConfig[] {
  return kernels.map(([kernelName, make]) => {
    const stock = stockKernel(kernelName, backendName);
    // The stock kernel's setupFunc binds its wasm function; keeping it means the wrapper also works when
    // registered before the backend is initialised.
    return { kernelName, backendName, setupFunc: stock.setupFunc, kernelFunc: make(backendName, stock.kernelFunc) };
  });
}

function fixesFor(backendName: FixableBackend): KernelConfig[] {
  switch (backendName) {
    case 'wasm': {
      // Kernels wasm lacks. Depthwise gradients: wasm's depthwise conv, with the cpu kernel (through a copy) for
      // the cases it does not cover; UnsortedSegmentSum: the cpu kernel.
      const missing: KernelConfig[] = [
        {
          kernelName: DepthwiseConv2dNativeBackpropFilter, backendName,
          kernelFunc: makeDepthwiseBackpropFilterViaConv(backendName, makeCpuDelegate(DepthwiseConv2dNativeBackpropFilter)),
        },
        {
          kernelName: DepthwiseConv2dNativeBackpropInput, backendName,
          kernelFunc: makeDepthwiseBackpropInputViaConv(backendName, makeCpuDelegate(DepthwiseConv2dNativeBackpropInput)),
        },
        { kernelName: UnsortedSegmentSum, backendName, kernelFunc: makeCpuDelegate(UnsortedSegmentSum) },
      ];
      return [
        {
          kernelName: Conv2DBackpropFilter, backendName,
          kernelFunc: makeConv2DBackpropFilterIm2col(backendName, makeConv2DBackpropFilterViaConv(backendName)),
        },
        ...wrappingFixes(backendName, [
          [BatchMatMul, makeBatchMatMulExplicitTranspose],
          [Conv2DBackpropInput, (name, stock) => makeConv2DBackpropInputCol2im(name, makeConv2DBackpropInputViaConv(name, stock))],
          [MaxPoolGrad, (_name, stock) => makeMaxPoolGradOnePass(stock)],
          [GatherV2, (_name, stock) => makeGatherRowsCopy(stock)],
          [Sum, (_name, stock) => makeReduceLeadingAxes(stock, false)],
          [Mean, (_name, stock) => makeReduceLeadingAxes(stock, true)],
          [AvgPoolGrad, (_name, stock) => makeAvgPoolGradScatter(stock)],
          [Tile, (_name, stock) => makeTileCopies(stock)],
          [Concat, (_name, stock) => makeConcatRows(stock)],
          [SplitV, (_name, stock) => makeSplitVRows(stock)],
        ]),
        ...missing.filter((fix) => getKernel(fix.kernelName, 'wasm') === undefined),
      ];
    }
    case 'cpu':
      return [
        { kernelName: Conv2DBackpropFilter, backendName, kernelFunc: makeConv2DBackpropFilterViaConv(backendName) },
        ...wrappingFixes(backendName, [[MaxPoolGrad, (_name, stock) => makeMaxPoolGradOnePass(stock)]]),
      ];
    default: {
      const unknownBackend: never = backendName;
      throw new Error(`no kernel fixes for backend ${String(unknownBackend)}`);
    }
  }
}

/** Registers the fixes for `backendName`; returns the kernel names it registered (empty when already applied). */
export function applyKernelFixes(backendName: FixableBackend): string[] {
  if (applied.has(backendName)) return [];
  const fixes = fixesFor(backendName);
  const record: AppliedFix[] = [];
  for (const fix of fixes) {
    const replaced = getKernel(fix.kernelName, backendName);
    if (replaced !== undefined) unregisterKernel(fix.kernelName, backendName);
    registerKernel(fix);
    record.push({ kernelName: fix.kernelName, replaced });
  }
  applied.set(backendName, record);
  return record.map((fix) => fix.kernelName);
}

/** Removes the fixes for `backendName` and puts the stock kernels back (used by tests as the reference). */
export function removeKernelFixes(backendName: FixableBackend): void {
  const record = applied.get(backendName);
  if (record === undefined) return;
  for (const fix of record) {
    unregisterKernel(fix.kernelName, backendName);
    if (fix.replaced !== undefined) registerKernel(fix.replaced);
  }
  applied.delete(backendName);
}

/** Kernel names currently replaced or added by LayerLens on `backendName`. */
export function appliedKernelFixes(backendName: FixableBackend): string[] {
  return (applied.get(backendName) ?? []).map((fix) => fix.kernelName);
}
