// The runtime's request handling through a fake channel: analysis requests end to end, cancel of a request in
// flight, and exactly one response per request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuntimeChannel } from '../../../runtime/ipc/channel';
import type { FeatureMapsResult, FromRuntimeMessage, OpenRunResult, RuntimeMethod, RuntimeMethods, ToRuntimeMessage } from '../../../runtime/protocol';
import { selectBackend } from '../../../runtime/backends';
import { createHandlers } from '../../../runtime/handlers';
import { serve, type RequestContext, type RequestHandlers } from '../../../runtime/server';
import { tempDir, writeRun } from './fixtures';

type Response = Extract<FromRuntimeMessage, { type: 'response' }>;

class FakeChannel implements RuntimeChannel {
  readonly sent: FromRuntimeMessage[] = [];
  private handler: ((message: ToRuntimeMessage) => void) | undefined;
  private nextId = 1;
  private readonly waiters: (() => void)[] = [];

  send(message: FromRuntimeMessage): void {
    this.sent.push(message);
    for (const wake of this.waiters.splice(0)) wake();
  }

  onMessage(handler: (message: ToRuntimeMessage) => void): void {
    this.handler = handler;
  }

  onDisconnect(): void {
    // the fake parent never goes away
  }

  /** Sends a request and returns its id. */
  post<M extends RuntimeMethod>(method: M, params: RuntimeMethods[M]['params']): number {
    const id = this.nextId++;
    this.handler?.({ type: 'request', id, method, params } as ToRuntimeMessage);
    return id;
  }

  responses(id: number): Response[] {
    return this.sent.filter((m): m is Response => m.type === 'response' && m.id === id);
  }

  async response(id: number): Promise<Response> {
    for (;;) {
      const found = this.responses(id)[0];
      if (found) return found;
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  async call<M extends RuntimeMethod>(method: M, params: RuntimeMethods[M]['params']): Promise<RuntimeMethods[M]['result']> {
    const response = await this.response(this.post(method, params));
    if (!response.ok) throw new Error(response.error);
    return response.result;
  }
}

const BACKEND = { preference: 'cpu', nodeModuleDirs: [] } as const;

test('openRun, featureMaps, examples and closeRun through the real handlers', async () => {
  await selectBackend(BACKEND);
  const { runDir } = await writeRun(tempDir(), 'xor', `name: xor
task: classification
input: [2]
data: { source: xor, samples: 40, validationSplit: 0.25 }
layers:
  - dense: { id: hidden, units: 4, activation: relu }
  - dense: { id: out, units: 2, activation: softmax }
`, { checkpoints: [1] });
  const channel = new FakeChannel();
  serve(channel, createHandlers(channel, { wasmDir: undefined, assetsDir: '/nonexistent' }));
  assert.equal(channel.sent[0]?.type, 'ready');
  const opened: OpenRunResult = await channel.call('openRun', { runDir, backend: BACKEND });
  assert.deepEqual(opened.layers.map((l) => [l.id, l.type, l.outputShape]), [['hidden', 'dense', [4]], ['out', 'dense', [2]]]);
  assert.deepEqual([opened.inputShape, opened.task, opened.classNames.length, opened.validationCount, opened.epochs, opened.epoch],
    [[2], 'classification', 2, 10, [1], null]);
  const maps: FeatureMapsResult = await channel.call('featureMaps', { sessionId: opened.sessionId, layerIds: ['hidden'], input: { example: 0 } });
  assert.deepEqual(maps.layers[0]?.shape, [4]);
  assert.equal(maps.probs.length, 2);
  const page = await channel.call('examples', { sessionId: opened.sessionId, start: 8, count: 5 });
  assert.deepEqual(page.examples.map((e) => e.index), [8, 9]);
  const epoch1 = await channel.call('openRun', { runDir, epoch: 1, backend: BACKEND });
  assert.equal(epoch1.sessionId, opened.sessionId, 'the same run keeps its session; only the weights change');
  assert.equal(epoch1.epoch, 1);
  assert.deepEqual(await channel.call('closeRun', { sessionId: opened.sessionId }), { closed: true });
  await assert.rejects(channel.call('featureMaps', { sessionId: opened.sessionId, layerIds: ['hidden'], input: { example: 0 } }),
    { message: `no open analysis session '${opened.sessionId}' (closed, or evicted by newer runs); open the run again` });
  await assert.rejects(channel.call('openRun', { runDir: tempDir(), backend: BACKEND }), /is not a LayerLens run folder \(it has no spec.yaml\)/);
});

/** Handlers whose featureMaps and train wait until released, recording the token they were given. */
function slowHandlers(): { handlers: RequestHandlers; tokens: RequestContext['token'][]; release: () => void } {
  const tokens: RequestContext['token'][] = [];
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => { release = resolve; });
  const never = (): Promise<never> => Promise.reject(new Error('not in this test'));
  const handlers: RequestHandlers = {
    info: never, stop: never, openRun: never, examples: never, closeRun: never, attack: never, robustness: never, evaluate: never,
    featureMaps: async (_params, { token }) => {
      tokens.push(token);
      await released;
      return { layers: [], input: { shape: [1], data: new Float32Array(1) }, probs: new Float32Array(1), label: null };
    },
    train: async (_params, { token }) => {
      tokens.push(token);
      await released;
      return { runId: 'r', runDir: '/r', status: 'completed', final: {} };
    },
  };
  return { handlers, tokens, release: () => release() };
}

test('cancel answers a request in flight with "cancelled" at once and drops its late result', async () => {
  const channel = new FakeChannel();
  const slow = slowHandlers();
  serve(channel, slow.handlers);
  const id = channel.post('featureMaps', { sessionId: 's', layerIds: [], input: { example: 0 } });
  assert.deepEqual(await channel.call('cancel', { id }), { cancelled: true });
  assert.deepEqual(await channel.response(id), { type: 'response', id, ok: false, error: 'cancelled' });
  assert.equal(slow.tokens[0]?.isCancelled, true, 'the handler sees its token cancelled');
  assert.deepEqual(await channel.call('cancel', { id }), { cancelled: false }, 'no longer in flight');
  assert.deepEqual(await channel.call('cancel', { id: 999 }), { cancelled: false });

  const train = channel.post('train', { modelFile: 'm', text: '', runsDir: '/r', backend: BACKEND });
  assert.deepEqual(await channel.call('cancel', { id: train }), { cancelled: false }, 'training ends through stop');
  slow.release();
  const trained = await channel.response(train);
  assert.equal(trained.ok, true);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(channel.responses(id).length, 1, 'exactly one response for the cancelled request');
  assert.equal(channel.responses(train).length, 1);
});
