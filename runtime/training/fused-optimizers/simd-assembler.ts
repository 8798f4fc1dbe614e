// A tiny WebAssembly assembler for elementwise float32 kernels over the wasm backend's own memory: the kernel's
// module imports tfjs-backend-wasm's WebAssembly.Memory, so it reads and writes tensors where they are, with
// 128-bit SIMD (4 lanes per instruction, like tfjs's XNNPACK kernels) and a scalar loop for the last n mod 4.
//
// A kernel is written once as a `body` over an Emitter; it is emitted twice, for v128 lanes and for f32 lanes.
// Every operation is an IEEE float32 operation (f32x4.add/mul/div/sqrt round each lane exactly as f32.add etc.),
// so a kernel that repeats tfjs's ops in the same order gives tfjs's values bit for bit.
//
// Kernel signature: (input pointers…, output pointers…, n: i32, scalars: f32…) → (), pointers as byte offsets.
import { MAGIC_AND_VERSION, MEMORY_IMPORT, section, signed, unsigned, vector, wasmName } from '../../backends/kernels/wasm-module';

export interface ElementwiseKernel {
  readonly name: string;
  readonly inputs: number;
  readonly outputs: number;
  readonly scalars: number;
  /** Temporaries used by the body (locals of the lane type). */
  readonly temporaries: number;
  /** Emits the update of one lane group: load inputs, compute, store every output. */
  readonly body: (e: Emitter) => void;
}

type Lane = 'f32' | 'v128';
type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;
const SCALAR_OPS: Record<BinaryOp | 'sqrt', number[]> = { add: [0x92], sub: [0x93], mul: [0x94], div: [0x95], sqrt: [0x91] };
// SIMD opcodes: prefix 0xfd, then the LEB128 of f32x4.add 228, sub 229, mul 230, div 231, sqrt 227.
const VECTOR_OPS: Record<BinaryOp | 'sqrt', number[]> = {
  add: [0xfd, 0xe4, 0x01], sub: [0xfd, 0xe5, 0x01], mul: [0xfd, 0xe6, 0x01], div: [0xfd, 0xe7, 0x01], sqrt: [0xfd, 0xe3, 0x01],
};

/** Local indices of one kernel function (parameters first, then declared locals). */
class Layout {
  readonly n: number;
  readonly index: number;
  readonly end4: number;
  readonly end: number;
  constructor(readonly kernel: ElementwiseKernel) {
    this.n = kernel.inputs + kernel.outputs;
    const params = this.n + 1 + kernel.scalars;
    [this.index, this.end4, this.end] = [params, params + 1, params + 2];
  }
  pointer(k: number): number { return k; }
  scalarParam(s: number): number { return this.n + 1 + s; }
  splat(s: number): number { return this.end + 1 + s; }
  temporary(lane: Lane, t: number): number {
    const vectorTemps = this.end + 1 + this.kernel.scalars;
    return lane === 'v128' ? vectorTemps + t : vectorTemps + this.kernel.temporaries + t;
  }
}

/** Emits the instructions of a kernel body for one lane type. */
export class Emitter {
  readonly code: number[] = [];
  constructor(private readonly layout: Layout, private readonly lane: Lane) {}

  private address(pointer: number): void {
    this.code.push(0x20, ...unsigned(this.layout.pointer(pointer)), 0x20, ...unsigned(this.layout.index), 0x6a);
  }
  /** Pushes input `k`'s element(s) at the current index. */
  load(k: number): this {
    this.address(k);
    this.code.push(...(this.lane === 'v128' ? [0xfd, 0x00] : [0x2a]), 0x02, 0x00);
    return this;
  }
  /** Stores the value that `value` pushes to output `k` at the current index. */
  store(k: number, value: () => void): this {
    this.address(this.layout.kernel.inputs + k);
    value();
    this.code.push(...(this.lane === 'v128' ? [0xfd, 0x0b] : [0x38]), 0x02, 0x00);
    return this;
  }
  /** Pushes scalar parameter `s` (splatted to four lanes in the vector loop). */
  scalar(s: number): this {
    const local = this.lane === 'v128' ? this.layout.splat(s) : this.layout.scalarParam(s);
    this.code.push(0x20, ...unsigned(local));
    return this;
  }
  get(t: number): this {
    this.code.push(0x20, ...unsigned(this.layout.temporary(this.lane, t)));
    return this;
  }
  set(t: number): this {
    this.code.push(0x21, ...unsigned(this.layout.temporary(this.lane, t)));
    return this;
  }
  op(operation: BinaryOp | 'sqrt'): this {
    this.code.push(...(this.lane === 'v128' ? VECTOR_OPS : SCALAR_OPS)[operation]);
    return this;
  }
}

/** `block loop (index >= limit) br_if 1; body; index += step; br 0 end end`. */
function loop(layout: Layout, lane: Lane, limit: number, step: number): number[] {
  const body = new Emitter(layout, lane);
  layout.kernel.body(body);
  const get = (local: number): number[] => [0x20, ...unsigned(local)];
  return [0x02, 0x40, 0x03, 0x40, ...get(layout.index), ...get(limit), 0x4f, 0x0d, 0x01, ...body.code,
    ...get(layout.index), 0x41, ...signed(step), 0x6a, 0x21, ...unsigned(layout.index), 0x0c, 0x00, 0x0b, 0x0b];
}

function functionBody(kernel: ElementwiseKernel): number[] {
  const layout = new Layout(kernel);
  const code: number[] = [];
  for (let s = 0; s < kernel.scalars; s++) code.push(0x20, ...unsigned(layout.scalarParam(s)), 0xfd, 0x13, 0x21, ...unsigned(layout.splat(s)));
  const n = [0x20, ...unsigned(layout.n)];
  code.push(...n, 0x41, 0x02, 0x74, 0x21, ...unsigned(layout.end)); // end = n * 4 bytes
  code.push(...n, 0x41, ...signed(-4), 0x71, 0x41, 0x02, 0x74, 0x21, ...unsigned(layout.end4)); // end4 = (n & ~3) * 4
  code.push(...loop(layout, 'v128', layout.end4, 16), ...loop(layout, 'f32', layout.end, 4), 0x0b);
  const groups = [[3, I32], [kernel.scalars + kernel.temporaries, V128], [kernel.temporaries, F32]].filter(([count]) => (count ?? 0) > 0);
  const locals = vector(groups.map(([count, type]) => [...unsigned(count ?? 0), type ?? I32]));
  const body = [...locals, ...code];
  return [...unsigned(body.length), ...body];
}

/** The module's bytes: imports `env.memory`, exports one function per kernel under its name. */
export function assemble(kernels: readonly ElementwiseKernel[]): Uint8Array<ArrayBuffer> {
  const types = kernels.map((k) => [0x60, ...vector([...Array<number[]>(k.inputs + k.outputs + 1).fill([I32]), ...Array<number[]>(k.scalars).fill([F32])]), 0x00]);
  return Uint8Array.from([
    ...MAGIC_AND_VERSION,
    ...section(1, vector(types)),
    ...MEMORY_IMPORT,
    ...section(3, vector(kernels.map((_, i) => unsigned(i)))),
    ...section(7, vector(kernels.map((k, i) => [...wasmName(k.name), 0x00, ...unsigned(i)]))),
    ...section(10, vector(kernels.map(functionBody))),
  ]);
}
