// The panel base's handshake and requests, against a fake webview: nothing is posted into a page that is not ready,
// the handshake is armed again when the page reloads, and malformed messages are logged, not handled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebviewBridge, type PanelProtocol, type WebviewPort } from '../../../extension/webview/webview-bridge';
import type { RpcMessage } from '../../../webviews/shared/rpc';

type FromView = { type: 'clicked'; n: number };
type HostServes = { add: { params: { a: number; b: number }; result: number } };
type ViewServes = { count: { params: Record<string, never>; result: number } };

class FakePage implements WebviewPort {
  readonly received: unknown[] = [];
  private listener: ((message: unknown) => void) | undefined;
  /** What the page answers to `count`; undefined: it does not answer. */
  count: number | undefined = 3;

  postMessage(message: unknown): Thenable<boolean> {
    this.received.push(message);
    const rpc = message as RpcMessage;
    if (rpc.type === 'rpcRequest' && this.count !== undefined) {
      queueMicrotask(() => this.send({ type: 'rpcResponse', id: rpc.id, ok: true, result: this.count }));
    }
    return Promise.resolve(true);
  }

  onDidReceiveMessage(listener: (message: unknown) => void): { dispose(): void } {
    this.listener = listener;
    return { dispose: () => { this.listener = undefined; } };
  }

  send(message: unknown): void { this.listener?.(message); }
}

function setup() {
  const page = new FakePage();
  const events = { ready: 0, messages: [] as FromView[], logs: [] as string[] };
  const protocol: PanelProtocol<FromView, HostServes, ViewServes> = {
    isMessage: (value): value is FromView => typeof value === 'object' && value !== null
      && (value as { type?: unknown }).type === 'clicked' && typeof (value as { n?: unknown }).n === 'number',
    handlers: { add: ({ a, b }) => Promise.resolve(a + b) },
    params: { add: (value): value is { a: number; b: number } => typeof value === 'object' && value !== null },
    results: { count: (value): value is number => typeof value === 'number' },
  };
  const bridge = new WebviewBridge(page, protocol, {
    onReady: () => { events.ready++; },
    onMessage: (message) => events.messages.push(message),
    log: (line) => events.logs.push(line),
  });
  return { page, bridge, events };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test('messages wait for the page\'s ready, then arrive in order', async () => {
  const { page, bridge, events } = setup();
  const posted = [bridge.post({ n: 1 }), bridge.post({ n: 2 })];
  await tick();
  assert.deepEqual(page.received, [], 'nothing is posted before ready');
  page.send({ type: 'ready' });
  assert.deepEqual(await Promise.all(posted), [true, true]);
  assert.deepEqual(page.received, [{ n: 1 }, { n: 2 }]);
  assert.equal(events.ready, 1);
});

test('the handshake is armed again when the page unloads: posts wait for the new page, onReady runs again', async () => {
  const { page, bridge, events } = setup();
  page.send({ type: 'ready' });
  page.send({ type: 'unloading' });
  const held = bridge.post({ n: 3 });
  await tick();
  assert.deepEqual(page.received, [], 'not posted into the page that went away');
  page.send({ type: 'ready' });
  assert.equal(await held, true);
  assert.deepEqual(page.received, [{ n: 3 }]);
  assert.equal(events.ready, 2, 'the reloaded page is sent its state again');
});

test('a request to the page resolves with its checked answer; a page that reloads fails the request', async () => {
  const { page, bridge } = setup();
  page.send({ type: 'ready' });
  assert.equal(await bridge.request('count', {}), 3);
  page.count = undefined;
  const lost = bridge.request('count', {});
  await tick();
  page.send({ type: 'unloading' });
  await assert.rejects(lost, /reloaded/);
});

test('a request from the page is answered; malformed messages are logged and never handled', async () => {
  const { page, events } = setup();
  page.send({ type: 'ready' });
  page.send({ type: 'rpcRequest', id: 1, method: 'add', params: { a: 2, b: 3 } });
  await tick();
  assert.deepEqual(page.received.at(-1), { type: 'rpcResponse', id: 1, ok: true, result: 5 });
  page.send({ type: 'clicked', n: 'seven' });
  page.send('hello');
  page.send({ type: 'clicked', n: 7 });
  assert.deepEqual(events.messages, [{ type: 'clicked', n: 7 }]);
  assert.equal(events.logs.filter((l) => l.startsWith('malformed')).length, 2);
});

test('after dispose, posts resolve false and nothing reaches the page', async () => {
  const { page, bridge } = setup();
  const pending = bridge.post({ n: 1 });
  bridge.dispose();
  assert.equal(await pending, false);
  page.send({ type: 'ready' });
  assert.deepEqual(page.received, []);
});
