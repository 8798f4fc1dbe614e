// Faults during a run end it cleanly: ENOSPC at any write (mocked: writes that need new blocks fail, rewriting an
// existing file in place still works, as on a real full disk) and WebAssembly traps, also while freeing tensors.
// The trainer returns a failed result (never throws), meta.json ends `failed` with a one-line reason, and no *.tmp
// is left behind (issue 11, finding 3).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { readMeta } from '../../runtime/runs';
import { recordingTrainer, workspace, xorModel } from '../unit/training/helpers';

const restores: (() => void)[] = [];
afterEach(() => { for (const restore of restores.splice(0).reverse()) restore(); });

/** Replaces `object[key]` until the test ends. */
function patch<T extends object, K extends keyof T>(object: T, key: K, replacement: T[K]): void {
  const original = object[key];
  Object.assign(object, { [key]: replacement });
  restores.push(() => { Object.assign(object, { [key]: original }); });
}

function enospc(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });
}

/** From `full()` on, every write that could need new blocks fails; in-place rewrites ('r+') still succeed. */
function mockFullDisk(): { full: () => void } {
  let isFull = false;
  const inPlace = new Set<number>();
  const { openSync, writeSync, writeFileSync, closeSync } = fs;
  patch(fs, 'openSync', ((path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    const fd = openSync(path, flags ?? 'r', mode);
    if (flags === 'r+') inPlace.add(fd);
    return fd;
  }) as typeof fs.openSync);
  patch(fs, 'closeSync', ((fd: number) => { inPlace.delete(fd); closeSync(fd); }));
  patch(fs, 'writeSync', ((fd: number, ...rest: unknown[]) => {
    if (isFull && !inPlace.has(fd)) throw enospc(`fd ${fd}`);
    return (writeSync as (...a: unknown[]) => number)(fd, ...rest);
  }));
  patch(fs, 'writeFileSync', ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (isFull) throw enospc(String(path));
    (writeFileSync as (...a: unknown[]) => void)(path, ...rest);
  }));
  return { full: () => { isFull = true; } };
}

function tmpLeftovers(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.tmp'));
}

for (const when of ['metrics', 'checkpoint'] as const) {
  test(`ENOSPC while writing ${when === 'metrics' ? 'metrics rows' : 'a checkpoint'}, then again for meta.json: a clean failed run`, async () => {
    const ws = workspace();
    const text = xorModel({ epochs: 4, seed: 3 });
    const file = ws.modelFile('xor', text);
    const disk = mockFullDisk();
    const recorder = recordingTrainer(ws);
    if (when === 'metrics') {
      // The disk fills up in the middle of epoch 2 (100 examples at 80/20: 5 batches an epoch).
      const { writeSync } = fs;
      let rows = 0;
      patch(fs, 'writeSync', ((fd: number, data: unknown, ...rest: unknown[]) => {
        if (typeof data === 'string' && data.startsWith('{"kind":"batch"') && ++rows === 8) disk.full();
        return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
      }));
    } else {
      const { writeFileSync } = fs;
      patch(fs, 'writeFileSync', ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
        if (String(path).includes('epoch-2.tmp')) disk.full();
        (writeFileSync as (...a: unknown[]) => void)(path, ...rest);
      }));
    }
    const result = await recorder.run(file, text, 'cpu');
    assert.equal(result.status, 'failed');
    assert.match(result.message ?? '', /ENOSPC/);
    assert.doesNotMatch(result.message ?? '', /\n/);
    const meta = readMeta(result.runDir);
    assert.equal(meta.status, 'failed');
    assert.match(meta.message ?? '', /^training failed: ENOSPC[^\n]*$/);
    assert.ok(meta.endedAt);
    assert.deepEqual(tmpLeftovers(result.runDir), []);
    if (when === 'checkpoint') assert.ok(!fs.existsSync(join(result.runDir, 'checkpoints', 'epoch-2')), 'no half checkpoint');
  });
}

test('a wasm trap in training and again while freeing: a failed result with the trap, meta.json failed', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 3, seed: 3 });
  const file = ws.modelFile('xor', text);
  const trap = () => { throw new WebAssembly.RuntimeError('memory access out of bounds'); };
  const model = tf.LayersModel.prototype;
  let batches = 0;
  const trainOnBatch = Object.getOwnPropertyDescriptor(model, 'trainOnBatch')?.value as (this: tf.LayersModel, ...args: unknown[]) => Promise<number | number[]>;
  patch(model, 'trainOnBatch', function (this: tf.LayersModel, ...args: unknown[]) {
    if (++batches > 7) trap();
    return trainOnBatch.apply(this, args);
  });
  patch(model, 'dispose', trap as typeof model.dispose);
  const recorder = recordingTrainer(ws);
  const result = await recorder.run(file, text, 'wasm');
  assert.equal(result.status, 'failed');
  assert.equal(result.message, 'training failed: memory access out of bounds');
  const meta = readMeta(result.runDir);
  assert.deepEqual([meta.status, meta.message], ['failed', 'training failed: memory access out of bounds']);
  const logs = recorder.messages.flatMap((m) => (m.type === 'log' ? [m.message] : []));
  assert.ok(logs.some((l) => /freeing the run's tensors failed: memory access out of bounds/.test(l)), logs.join('\n'));
  assert.deepEqual(tmpLeftovers(result.runDir), []);
});
