// Typed requests between a panel and its page: one answer per request, timeouts, cancel, "latest wins", and checks of
// what crosses (a malformed result or params is refused, not trusted).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANCELLED, RpcClient, RpcServer, type RpcMessage } from '../../../webviews/shared/rpc';

type Methods = {
  double: { params: { n: number }; result: number };
  slow: { params: { n: number }; result: number };
};

const isNumber = (value: unknown): value is number => typeof value === 'number';
const isParams = (value: unknown): value is { n: number } =>
  typeof value === 'object' && value !== null && typeof (value as { n?: unknown }).n === 'number';

/** A client and a server wired back to back, with every message recorded. */
function pair(slow: (n: number, signal: AbortSignal) => Promise<number> = () => new Promise<number>(() => undefined)) {
  const sent: RpcMessage[] = [];
  const logs: string[] = [];
  const wired: { client?: RpcClient<Methods> } = {};
  const server = new RpcServer<Methods>((message) => {
    sent.push(message);
    if (message.type === 'rpcResponse') wired.client?.handleResponse(message);
  }, {
    double: ({ n }) => Promise.resolve(n * 2),
    slow: ({ n }, signal) => slow(n, signal),
  }, { double: isParams, slow: isParams }, (line) => logs.push(line));
  const client = new RpcClient<Methods>((message) => {
    sent.push(message);
    if (message.type === 'rpcRequest') server.handleRequest(message);
    if (message.type === 'rpcCancel') server.handleCancel(message);
  }, { double: isNumber, slow: isNumber });
  wired.client = client;
  return { client, server, sent, logs };
}

test('a request resolves with the typed result of its own method', async () => {
  const { client, sent } = pair();
  assert.equal(await client.request('double', { n: 21 }), 42);
  assert.deepEqual(sent.map((m) => m.type), ['rpcRequest', 'rpcResponse']);
  assert.equal(client.pending, 0);
});

test('a request that gets no answer fails after its timeout and the other side is told to cancel', async () => {
  const { client, sent } = pair();
  await assert.rejects(client.request('slow', { n: 1 }, { timeoutMs: 20 }), /slow timed out/);
  assert.equal(sent.at(-1)?.type, 'rpcCancel');
});

test('latest wins: a newer request of the same key cancels the older one, and its handler sees the abort', async () => {
  const aborted: number[] = [];
  const { client } = pair((n, signal) => new Promise<number>((resolve) => {
    signal.addEventListener('abort', () => aborted.push(n));
    setTimeout(() => resolve(n), 30);
  }));
  const first = client.request('slow', { n: 1 }, { latestWins: 'epoch' });
  const second = client.request('slow', { n: 2 }, { latestWins: 'epoch' });
  await assert.rejects(first, new RegExp(CANCELLED));
  assert.equal(await second, 2);
  assert.deepEqual(aborted, [1], 'the older handler was aborted; its late answer is never sent');
});

test('an AbortSignal cancels a request in flight', async () => {
  const { client, sent } = pair();
  const controller = new AbortController();
  const request = client.request('slow', { n: 1 }, { signal: controller.signal });
  controller.abort();
  await assert.rejects(request, /cancelled/);
  assert.ok(sent.some((m) => m.type === 'rpcCancel'));
});

test('a malformed result is refused; malformed params and unknown methods are answered with an error and logged', async () => {
  const client = new RpcClient<Methods>((message) => {
    if (message.type === 'rpcRequest') client.handleResponse({ type: 'rpcResponse', id: message.id, ok: true, result: 'not a number' });
  }, { double: isNumber, slow: isNumber });
  await assert.rejects(client.request('double', { n: 1 }), /malformed double result/);

  const { server, sent, logs } = pair();
  server.handleRequest({ type: 'rpcRequest', id: 7, method: 'double', params: { n: 'x' } });
  server.handleRequest({ type: 'rpcRequest', id: 8, method: 'toString', params: {} });
  assert.deepEqual(sent.map((m) => m.type === 'rpcResponse' && !m.ok ? m.error : m.type),
    ['malformed double params', 'unknown method toString']);
  assert.equal(logs.length, 2);
});

test('failAll fails every request in flight (the page reloaded or closed)', async () => {
  const { client } = pair();
  const request = client.request('slow', { n: 1 });
  client.failAll('the panel reloaded');
  await assert.rejects(request, /reloaded/);
});
