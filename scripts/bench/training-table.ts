// The training bench's summary: one row per backend × model (and the PyTorch peer), with samples/s, GFLOP/s,
// the backend's matMul ceiling, the share of it reached, and the ratio to PyTorch on the same model. With the worker
// scaling measured, `wasm (2 workers)` rows give data-parallel training's samples/s (what layerlens.threads auto
// trains models of ≥ 100 MFLOP a batch with on a 2-core machine, LeNet here) against the same peer. When the peer's
// epochs were interleaved with the scaling bench's, rows marked `interleaved` take their ratio from those epochs:
// the other rows compare runs timed minutes apart, and this VM's speed drifts by tens of percent in minutes.
import type { BackendBench } from '../bench-training';
import { trainingFlopsPerExample } from './bench-models';
import type { BenchModelName } from './bench-models';
import { round3 } from './stats';
import type { TorchBench } from './torch-peer';
import type { ModelScaling } from './worker-scaling';

export interface TableRow {
  readonly backend: string;
  readonly model: BenchModelName;
  readonly samplesPerSecond: number;
  readonly gflops: number;
  /** The backend's matMul GFLOP/s (median), or null when not measured. */
  readonly ceilingGflops: number | null;
  /** gflops / ceilingGflops. */
  readonly ofCeiling: number | null;
  /** samples/s divided by PyTorch's on the same model, or null without the peer. */
  readonly vsTorch: number | null;
}

export function summaryTable(backends: readonly BackendBench[], torch: TorchBench | string, scaling: readonly ModelScaling[] = []): TableRow[] {
  const peer = typeof torch === 'string' ? undefined : torch;
  const torchRate = (model: BenchModelName): number | undefined => peer?.results.find((r) => r.model === model)?.samplesPerSecond;
  const row = (backend: string, model: BenchModelName, samplesPerSecond: number, ceiling: number | null, peerRate = torchRate(model)): TableRow => {
    const gflops = (samplesPerSecond * trainingFlopsPerExample(model)) / 1e9;
    return {
      backend, model, samplesPerSecond: round3(samplesPerSecond), gflops: round3(gflops), ceilingGflops: ceiling === null ? null : round3(ceiling),
      ofCeiling: ceiling === null ? null : round3(gflops / ceiling), vsTorch: peerRate === undefined ? null : round3(samplesPerSecond / peerRate),
    };
  };
  const rows = backends.flatMap((b) => b.type !== 'measured' ? [] : b.models.flatMap((m) => 'error' in m ? [] : [row(
    b.kernels === 'stock' ? `${b.backend} (stock kernels)` : b.backend, m.model, m.samplesPerSecond,
    typeof b.ceiling === 'string' ? null : b.ceiling.gflops.median,
  )]));
  const wasmCeiling = backends.find((b) => b.type === 'measured' && b.backend === 'wasm' && b.kernels === 'layerlens');
  const ceiling = wasmCeiling?.type === 'measured' && typeof wasmCeiling.ceiling !== 'string' ? wasmCeiling.ceiling.gflops.median : null;
  // Two cores' worth of ceiling: each worker has its own single-threaded wasm backend.
  const workerRows = scaling.flatMap((s) => {
    const interleaved = s.interleavedTorch;
    if (!interleaved) return [row('wasm (2 workers)', s.model, s.samplesPerSecond.threads2, ceiling === null ? null : 2 * ceiling)];
    return [
      row('wasm (interleaved)', s.model, s.samplesPerSecond.threads1, ceiling, interleaved.samplesPerSecond),
      row('wasm (2 workers, interleaved)', s.model, s.samplesPerSecond.threads2, ceiling === null ? null : 2 * ceiling, interleaved.samplesPerSecond),
      row(`pytorch (${interleaved.threads} thread${interleaved.threads === 1 ? '' : 's'}, interleaved)`, s.model, interleaved.samplesPerSecond, null, interleaved.samplesPerSecond),
    ];
  });
  const torchRows = peer?.results.map((r) => row(`pytorch ${peer.torch}`, r.model, r.samplesPerSecond, peer.ceiling?.gflops.median ?? null)) ?? [];
  return [...rows, ...workerRows, ...torchRows];
}
