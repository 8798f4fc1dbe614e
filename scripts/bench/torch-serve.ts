// The PyTorch peer as a long-lived process (bench_torch.py --serve) that trains on request, so that its epochs can
// alternate with LayerLens's in one alternateEpochs run: this VM's speed drifts by tens of percent over minutes, and
// peer and LayerLens measured minutes apart would read that drift as part of their ratio.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TimedVariant } from './alternating-epochs';
import type { BenchModelName } from './bench-models';
import { torchScript, type PeerEnvironment } from './torch-peer';

export interface TorchServe {
  /** Trains `model` for the given batches with `threads` torch threads; resolves when the peer replies. */
  variant(model: BenchModelName, threads: number): TimedVariant;
  dispose(): void;
}

export function startTorchServe(peer: PeerEnvironment, batchSize: number, script?: string): TorchServe {
  const child: ChildProcessWithoutNullStreams = spawn(peer.python, [torchScript(script), '--serve', '--batch-size', String(batchSize)], { env: peer.env });
  const replies: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let stderr = '';
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    for (const waiter of replies.splice(0)) waiter.reject(failure);
  };
  child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
  child.on('error', fail);
  child.on('exit', (code) => fail(new Error(`bench_torch.py --serve exited (${String(code)}): ${stderr.trim().split('\n').pop() ?? ''}`)));
  createInterface({ input: child.stdout }).on('line', () => replies.shift()?.resolve());
  return {
    variant: (model, threads) => (batches) => new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      replies.push({ resolve, reject });
      child.stdin.write(`${JSON.stringify({ model, threads, batches })}\n`);
    }),
    dispose: () => {
      child.removeAllListeners('exit');
      child.kill();
    },
  };
}
