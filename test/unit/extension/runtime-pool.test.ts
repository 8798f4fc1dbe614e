// RuntimePool with fake runtimes: leases keep a runtime alive for every holder, a failed handshake is forgotten (the
// next lease starts a fresh runtime), a restart never stops a leased runtime, idle ones stop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimePool, type PooledRuntime } from '../../../extension/runtime/runtime-pool';
import type { RuntimeExit, RuntimeNotification } from '../../../extension/runtime/runtime-process';
import { Emitter } from '../../../extension/util/emitter';

class FakeRuntime implements PooledRuntime {
  static started: FakeRuntime[] = [];
  readonly exit = new Emitter<RuntimeExit>();
  readonly notifications = new Emitter<RuntimeNotification>();
  readonly onExit = this.exit.event;
  readonly onNotification = this.notifications.event;
  readonly ready: Promise<number>;
  alive = true;
  disposed = false;
  readonly pid: number;

  constructor(readonly key: string, handshake: 'ok' | 'fail') {
    this.pid = 1000 + FakeRuntime.started.length;
    this.ready = handshake === 'ok' ? Promise.resolve(this.pid) : Promise.reject(new Error('the runtime speaks protocol 0'));
    this.ready.catch(() => undefined);
    FakeRuntime.started.push(this);
  }

  dispose(): void {
    if (!this.alive) return;
    this.disposed = true;
    this.alive = false;
    this.exit.fire({ code: null, signal: 'SIGKILL' });
  }

  crash(): void {
    this.alive = false;
    this.exit.fire({ code: 1, signal: null });
  }
}

function pool(handshakes: ('ok' | 'fail')[] = [], idleMs = 10_000) {
  FakeRuntime.started = [];
  const logs: string[] = [];
  const created = new RuntimePool<FakeRuntime>((key) => new FakeRuntime(key, handshakes.shift() ?? 'ok'),
    (_level, line) => logs.push(line), idleMs);
  return { pool: created, logs };
}

test('two leases on one key share a runtime; it survives the first release; keys are independent', async () => {
  const { pool: runtimes } = pool();
  const training = await runtimes.acquire('a.model.yaml');
  const panel = await runtimes.acquire('a.model.yaml');
  const analysis = await runtimes.acquire('analysis');
  assert.equal(training.runtime, panel.runtime);
  assert.notEqual(training.runtime, analysis.runtime);
  panel.dispose();
  panel.dispose(); // a lease counts once
  assert.equal(runtimes.leaseCount('a.model.yaml'), 1);
  assert.equal(training.runtime.disposed, false);
  runtimes.dispose();
  assert.ok(FakeRuntime.started.every((r) => r.disposed), 'deactivation kills every runtime, leased or not');
});

test('a runtime whose handshake fails is killed and forgotten; the next lease starts a fresh one', async () => {
  const { pool: runtimes, logs } = pool(['fail', 'ok']);
  await assert.rejects(runtimes.acquire('shared'), /protocol 0/);
  assert.equal(FakeRuntime.started[0]?.disposed, true);
  assert.equal(runtimes.peek('shared'), undefined);
  const lease = await runtimes.acquire('shared');
  assert.equal(lease.runtime, FakeRuntime.started[1]);
  assert.ok(logs.some((l) => l.includes('failed its handshake')));
  runtimes.dispose();
});

test('restart stops runtimes nobody holds, keeps a leased one until its release, and gives new leases a fresh one', async () => {
  const { pool: runtimes } = pool();
  const run = await runtimes.acquire('a.model.yaml');
  const idle = await runtimes.acquire('shared');
  idle.dispose();
  runtimes.restart();
  assert.equal(idle.runtime.disposed, true);
  assert.equal(run.runtime.disposed, false, 'a run in progress keeps its runtime');
  assert.equal(runtimes.peek('a.model.yaml'), run.runtime, 'Stop still reaches it');
  const next = await runtimes.acquire('a.model.yaml');
  assert.notEqual(next.runtime, run.runtime);
  run.dispose();
  assert.equal(run.runtime.disposed, true, 'stopped once its last lease ended');
  assert.equal(next.runtime.disposed, false);
  runtimes.dispose();
});

test('a released runtime stops after the idle time unless leased again; a crashed one is replaced', async () => {
  const { pool: runtimes, logs } = pool([], 20);
  const first = await runtimes.acquire('k');
  first.dispose();
  const again = await runtimes.acquire('k');
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(again.runtime, first.runtime);
  assert.equal(again.runtime.disposed, false, 'leased again before the idle time ran out');
  again.dispose();
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(again.runtime.disposed, true);
  const fresh = await runtimes.acquire('k');
  fresh.runtime.crash();
  assert.ok(logs.some((l) => l.includes('exit code 1')));
  assert.notEqual((await runtimes.acquire('k')).runtime, fresh.runtime);
  runtimes.dispose();
});
