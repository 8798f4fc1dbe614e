// One max-pooling window's gradient on the wasm backend's memory, four channels at a time (128-bit SIMD):
//   windowMaxScatter(x, dy, delta, rows, cols, rowStride, colStride, channels)      (channels ≥ 4)
//     per channel c: the first strictly greatest of the window's rows × cols values (at x + 4c + r·rowStride +
//     k·colStride; from −∞, so a window of only −∞ or NaN has none) gets dy's value at dy + 4c added at its own
//     address + delta
// (pointers and strides in bytes; delta = dx's address − x's). This is max-pool-grad.ts's rule. Channels go in
// groups of four; when their count is not a multiple of four, a last group ends at the last channel and scatters
// only the lanes the groups before it did not cover. A lane keeps its maximum and that maximum's address (f32x4.gt
// and v128.bitselect), so the first maximum wins as in the scalar loop.
import type { KernelBackend } from '@tensorflow/tfjs';
import { MAGIC_AND_VERSION, MEMORY_IMPORT, linkedFunction, section, unsigned, vector, wasmMemory, wasmName } from './wasm-module';

export type WindowMaxScatter = (x: number, dy: number, delta: number, rows: number, cols: number, rowStride: number,
  colStride: number, channels: number) => void;

const I32 = 0x7f, V128 = 0x7b;
const [X, DY, DELTA, ROWS, COLS, ROW_STRIDE, COL_STRIDE, CHANNELS] = [0, 1, 2, 3, 4, 5, 6, 7];
const [R, K, P, ROW_P, START, FIRST, A, BEST, ADDRESS, VALUE, MASK] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
const get = (local: number): number[] => [0x20, local];
const set = (local: number): number[] => [0x21, local];
const tee = (local: number): number[] => [0x22, local];
const i32 = (value: number): number[] => [0x41, ...signedByte(value)];
const signedByte = (value: number): number[] => (value >= -64 && value < 64 ? [value & 0x7f] : [(value & 0x7f) | 0x80, (value >> 7) & 0x7f]);
const ADD = 0x6a, SUB = 0x6b, GE_U = 0x4f, LE_S = 0x4c, NE = 0x47, AND = 0x71, F32_ADD = 0x92;
const LOAD = [0x2a, 0x02, 0x00], STORE = [0x38, 0x02, 0x00];
const V128_LOAD = [0xfd, 0x00, 0x02, 0x00], F32X4_GT = [0xfd, 0x44], BITSELECT = [0xfd, 0x52];
const I32X4_SPLAT = [0xfd, 0x11], I32X4_ADD = [0xfd, 0xae, 0x01];
const extractLane = (lane: number): number[] => [0xfd, 0x1b, lane];
const v128Const = (lanes: readonly number[], float: boolean): number[] => {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  lanes.forEach((value, lane) => (float ? view.setFloat32(lane * 4, value, true) : view.setInt32(lane * 4, value, true)));
  return [0xfd, 0x0c, ...bytes];
};
const increment = (local: number, by: number[]): number[] => [...get(local), ...by, ADD, ...set(local)];
const countedLoop = (counter: number, limit: number, body: number[]): number[] => [
  ...i32(0), ...set(counter),
  0x02, 0x40, 0x03, 0x40, ...get(counter), ...get(limit), GE_U, 0x0d, 0x01,
  ...body, ...increment(counter, i32(1)), 0x0c, 0x00, 0x0b, 0x0b,
];

/** The window scan and scatter of the four channels at byte offset START, scattering lanes ≥ FIRST. */
function group(): number[] {
  const scanRow = countedLoop(K, COLS, [
    ...get(P), ...V128_LOAD, ...tee(VALUE), ...get(BEST), ...F32X4_GT, ...set(MASK),
    ...get(VALUE), ...get(BEST), ...get(MASK), ...BITSELECT, ...set(BEST),
    ...get(P), ...I32X4_SPLAT, ...v128Const([0, 4, 8, 12], false), ...I32X4_ADD, ...get(ADDRESS), ...get(MASK), ...BITSELECT, ...set(ADDRESS),
    ...increment(P, get(COL_STRIDE)),
  ]);
  const scan = countedLoop(R, ROWS, [...get(ROW_P), ...set(P), ...scanRow, ...increment(ROW_P, get(ROW_STRIDE))]);
  // if (FIRST <= lane && address != −1) dx[address + delta] += dy[START + 4·lane]
  const scatter = [0, 1, 2, 3].flatMap((lane) => [
    ...get(ADDRESS), ...extractLane(lane), ...tee(A), ...i32(-1), NE, ...get(FIRST), ...i32(lane), LE_S, AND,
    0x04, 0x40,
    ...get(A), ...get(DELTA), ADD, ...tee(P), ...get(P), ...LOAD, ...get(DY), ...get(START), ADD, ...LOAD.slice(0, 2), ...unsigned(lane * 4), F32_ADD, ...STORE,
    0x0b,
  ]);
  return [
    ...v128Const([-Infinity, -Infinity, -Infinity, -Infinity], true), ...set(BEST), ...v128Const([-1, -1, -1, -1], false), ...set(ADDRESS),
    ...get(X), ...get(START), ADD, ...set(ROW_P), ...scan, ...scatter,
  ];
}

function assemble(): Uint8Array<ArrayBuffer> {
  const body = [
    // Full groups: START = 0, 16, … while START + 16 ≤ 4·channels; FIRST = 0.
    ...i32(0), ...set(FIRST), ...i32(0), ...set(START),
    0x02, 0x40, 0x03, 0x40,
    ...get(START), ...i32(16), ADD, ...get(CHANNELS), ...i32(4), 0x6c, 0x4b, 0x0d, 0x01, // br_if START + 16 > 4·channels (i32.gt_u)
    ...group(), ...increment(START, i32(16)), 0x0c, 0x00, 0x0b, 0x0b,
    // The rest (channels mod 4): one group ending at the last channel; FIRST = 4 − rest.
    ...get(CHANNELS), ...i32(4), 0x6c, ...get(START), SUB, ...tee(A), 0x04, 0x40,
    ...i32(4), ...get(A), ...i32(4), 0x6e, SUB, ...set(FIRST), // FIRST = 4 − rest, rest = A / 4 bytes (i32.div_u)
    ...get(CHANNELS), ...i32(4), 0x6c, ...i32(16), SUB, ...set(START),
    ...group(),
    0x0b,
    0x0b,
  ];
  const locals = vector([[7, I32], [4, V128]]);
  const code = [...locals, ...body];
  return Uint8Array.from([
    ...MAGIC_AND_VERSION,
    ...section(1, vector([[0x60, ...vector(Array<number[]>(8).fill([I32])), 0x00]])),
    ...MEMORY_IMPORT,
    ...section(3, vector([unsigned(0)])),
    ...section(7, vector([[...wasmName('windowMaxScatter'), 0x00, 0x00]])),
    ...section(10, vector([[...unsigned(code.length), ...code]])),
  ]);
}

/** windowMaxScatter linked to `backend`'s memory; undefined for other backends or when linking fails. */
export function windowMaxScatter(backend: KernelBackend): WindowMaxScatter | undefined {
  const memory = wasmMemory(backend);
  return memory ? linkedFunction(memory, 'window-max-scatter', assemble, 'windowMaxScatter') : undefined;
}
