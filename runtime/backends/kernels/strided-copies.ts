// 2-D strided copies of float32 values inside the wasm backend's memory, as two small WebAssembly functions
// (pointers and strides in bytes):
//   gather2d(src, dst, outer, inner, srcOuterStride, srcInnerStride, dstOuterStride)
//     for o < outer, i < inner:  f32 at dst + o·dstOuterStride + 4·i  =  f32 at src + o·srcOuterStride + i·srcInnerStride
//   add2d(src, dst, outer, inner, srcOuterStride, dstOuterStride)
//     for o < outer, i < inner:  f32 at dst + o·dstOuterStride + 4·i  +=  f32 at src + o·srcOuterStride + 4·i
// im2col (gather2d) and col2im (add2d) move ~1M values a LeNet step this way; the same loops in JavaScript over views
// of the heap took ~2.4 ns a value, 2 ms of a ~20 ms step.
import type { KernelBackend } from '@tensorflow/tfjs';
import { MAGIC_AND_VERSION, MEMORY_IMPORT, linkedFunction, section, unsigned, vector, wasmMemory, wasmName } from './wasm-module';

export type Gather2d = (src: number, dst: number, outer: number, inner: number, srcOuterStride: number,
  srcInnerStride: number, dstOuterStride: number) => void;
export type Add2d = (src: number, dst: number, outer: number, inner: number, srcOuterStride: number, dstOuterStride: number) => void;

const I32 = 0x7f;
const ADD = 0x6a, MUL = 0x6c, GE_U = 0x4f, F32_ADD = 0x92;
const LOAD = [0x2a, 0x02, 0x00], STORE = [0x38, 0x02, 0x00];
const get = (local: number): number[] => [0x20, local];
const set = (local: number): number[] => [0x21, local];
const increment = (local: number, by: number[]): number[] => [...get(local), ...by, ADD, ...set(local)];

/**
 * `for o < outer: s = src + o·srcOuter; d = dst + o·dstOuter; for i < inner: element(); s += srcStep; d += 4`, with
 * the parameters at the given local indices and four locals (o, i, s, d) after the `params` parameters.
 */
function nestedLoops(params: number, local: { src: number; dst: number; outer: number; inner: number; srcOuter: number; dstOuter: number },
  srcStep: number[], element: (s: number, d: number) => number[]): number[] {
  const [o, i, s, d] = [params, params + 1, params + 2, params + 3];
  const inner = [
    0x02, 0x40, 0x03, 0x40, ...get(i), ...get(local.inner), GE_U, 0x0d, 0x01,
    ...element(s, d),
    ...increment(s, srcStep), ...increment(d, [0x41, 0x04]), ...increment(i, [0x41, 0x01]),
    0x0c, 0x00, 0x0b, 0x0b,
  ];
  const code = [
    0x02, 0x40, 0x03, 0x40, ...get(o), ...get(local.outer), GE_U, 0x0d, 0x01,
    ...get(local.src), ...get(o), ...get(local.srcOuter), MUL, ADD, ...set(s),
    ...get(local.dst), ...get(o), ...get(local.dstOuter), MUL, ADD, ...set(d),
    0x41, 0x00, ...set(i), ...inner, ...increment(o, [0x41, 0x01]),
    0x0c, 0x00, 0x0b, 0x0b, 0x0b,
  ];
  const body = [...vector([[4, I32]]), ...code];
  return [...unsigned(body.length), ...body];
}

function assemble(): Uint8Array<ArrayBuffer> {
  // gather2d: src 0, dst 1, outer 2, inner 3, srcOuter 4, srcInner 5, dstOuter 6.
  const gather = nestedLoops(7, { src: 0, dst: 1, outer: 2, inner: 3, srcOuter: 4, dstOuter: 6 }, get(5),
    (s, d) => [...get(d), ...get(s), ...LOAD, ...STORE]);
  // add2d: src 0, dst 1, outer 2, inner 3, srcOuter 4, dstOuter 5.
  const add = nestedLoops(6, { src: 0, dst: 1, outer: 2, inner: 3, srcOuter: 4, dstOuter: 5 }, [0x41, 0x04],
    (s, d) => [...get(d), ...get(d), ...LOAD, ...get(s), ...LOAD, F32_ADD, ...STORE]);
  const type = (params: number): number[] => [0x60, ...vector(Array<number[]>(params).fill([I32])), 0x00];
  return Uint8Array.from([
    ...MAGIC_AND_VERSION,
    ...section(1, vector([type(7), type(6)])),
    ...MEMORY_IMPORT,
    ...section(3, vector([unsigned(0), unsigned(1)])),
    ...section(7, vector([[...wasmName('gather2d'), 0x00, 0x00], [...wasmName('add2d'), 0x00, 0x01]])),
    ...section(10, vector([gather, add])),
  ]);
}

/** gather2d linked to `backend`'s memory; undefined for other backends or when linking fails. */
export function stridedGather(backend: KernelBackend): Gather2d | undefined {
  const memory = wasmMemory(backend);
  return memory ? linkedFunction(memory, 'strided-copies', assemble, 'gather2d') : undefined;
}

/** add2d linked to `backend`'s memory; undefined for other backends or when linking fails. */
export function stridedAdd(backend: KernelBackend): Add2d | undefined {
  const memory = wasmMemory(backend);
  return memory ? linkedFunction(memory, 'strided-copies', assemble, 'add2d') : undefined;
}
