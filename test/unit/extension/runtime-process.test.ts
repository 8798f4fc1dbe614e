// RuntimeProcess against small real child processes that speak (or break) the runtime protocol: the handshake, typed
// and checked results, cancel, and a runtime that fails its handshake being killed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeProcess } from '../../../extension/runtime/runtime-process';
import { PROTOCOL_VERSION } from '../../../runtime/protocol';

const dir = mkdtempSync(join(tmpdir(), 'layerlens-runtime-process-'));

/** Writes a child script: `body` runs with `send` and `onRequest(handler)` in scope. */
function script(name: string, body: string): string {
  const path = join(dir, `${name}.js`);
  writeFileSync(path, `const send = (m) => process.send(m);
const onRequest = (handler) => process.on('message', (m) => handler(m));
process.on('disconnect', () => process.exit(0));
${body}\n`);
  return path;
}

const INFO = { pid: 1, tfjsVersion: '4.22.0', backend: 'cpu', tfBackendName: 'cpu', device: 'test', software: false, reasons: [], versions: {} };
const log = () => undefined;
const isGone = (pid: number | undefined) => { try { process.kill(pid ?? 0, 0); return false; } catch { return true; } };
const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  return condition();
};

test('after the handshake, a request resolves with its typed result and a malformed one is refused', async () => {
  const runtime = new RuntimeProcess(script('good', `
send({ type: 'ready', pid: process.pid, protocolVersion: ${PROTOCOL_VERSION} });
onRequest((m) => {
  if (m.method === 'info') send({ type: 'response', id: m.id, ok: true, result: ${JSON.stringify(INFO)} });
  else if (m.method === 'stop') send({ type: 'response', id: m.id, ok: true, result: { stopping: 'yes' } });
  else send({ type: 'response', id: m.id, ok: false, error: 'no ' + m.method });
});`), log);
  try {
    assert.equal(typeof await runtime.ready, 'number');
    assert.equal((await runtime.request('info', { preference: 'cpu', nodeModuleDirs: [] })).backend, 'cpu');
    await assert.rejects(runtime.request('stop', { runId: 'r' }), /malformed result/);
    await assert.rejects(runtime.request('closeRun', { sessionId: 's' }), /no closeRun/);
  } finally {
    runtime.dispose();
  }
});

test('a runtime that speaks another protocol version is refused and killed', async () => {
  const runtime = new RuntimeProcess(script('old', `send({ type: 'ready', pid: process.pid, protocolVersion: 0 }); setInterval(() => {}, 1000);`), log);
  await assert.rejects(runtime.ready, /protocol 0/);
  assert.ok(await waitFor(() => !runtime.alive), 'the child was killed');
  assert.ok(isGone(runtime.pid));
});

test('a runtime that never says ready is killed after the timeout', async () => {
  const runtime = new RuntimeProcess(script('mute', 'setInterval(() => {}, 1000);'), log, { readyTimeoutMs: 200 });
  await assert.rejects(runtime.ready, /did not start in time/);
  assert.ok(await waitFor(() => !runtime.alive));
});

test('an aborted request fails with cancelled and the runtime is sent cancel with its id', async () => {
  const runtime = new RuntimeProcess(script('cancel', `
send({ type: 'ready', pid: process.pid, protocolVersion: ${PROTOCOL_VERSION} });
onRequest((m) => {
  if (m.method === 'cancel') send({ type: 'log', level: 'info', message: 'cancel ' + m.params.id });
  if (m.method === 'cancel') send({ type: 'response', id: m.id, ok: true, result: { cancelled: true } });
});`), (_level, line) => lines.push(line));
  const lines: string[] = [];
  try {
    await runtime.ready;
    const controller = new AbortController();
    const request = runtime.request('closeRun', { sessionId: 's' }, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(request, /cancelled/);
    assert.ok(await waitFor(() => lines.some((l) => /^cancel \d+$/.test(l))), lines.join('\n'));
  } finally {
    runtime.dispose();
  }
});

test('malformed messages are logged and ignored; pending requests fail when the runtime dies; onExit fires', async () => {
  const lines: string[] = [];
  const runtime = new RuntimeProcess(script('dies', `
send({ type: 'ready', pid: process.pid, protocolVersion: ${PROTOCOL_VERSION} });
send({ type: 'runMetrics', runId: 3 });
onRequest(() => process.exit(3));`), (_level, line) => lines.push(line));
  const exits: (number | null)[] = [];
  const subscription = runtime.onExit(({ code }) => exits.push(code));
  await runtime.ready;
  await assert.rejects(runtime.request('closeRun', { sessionId: 's' }), /exited with code 3/);
  assert.deepEqual(exits, [3]);
  assert.ok(lines.some((l) => l.startsWith('malformed runtime message')), lines.join('\n'));
  subscription.dispose();
});

test('progress messages reach the request they belong to, and only it', async () => {
  const runtime = new RuntimeProcess(script('progress', `
send({ type: 'ready', pid: process.pid, protocolVersion: ${PROTOCOL_VERSION} });
onRequest((m) => {
  send({ type: 'progress', id: m.id, done: 1, total: 2 });
  send({ type: 'progress', id: m.id + 100, done: 9, total: 9 });
  send({ type: 'progress', id: m.id, done: 2, total: 2 });
  send({ type: 'response', id: m.id, ok: true, result: { closed: true } });
});`), log);
  try {
    const seen: string[] = [];
    assert.deepEqual(await runtime.request('closeRun', { sessionId: 's' }, undefined, (done, total) => seen.push(`${done}/${total}`)), { closed: true });
    assert.deepEqual(seen, ['1/2', '2/2']);
  } finally {
    runtime.dispose();
  }
});

test("Dawn's native warnings on the runtime's stderr stay out of the log unless verbose; the runtime's own lines stay", async () => {
  const body = `process.stderr.write('Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.\\n');
process.stderr.write('training failed: disk full\\n');
process.exit(0);`;
  for (const verbose of [false, true]) {
    const lines: string[] = [];
    const runtime = new RuntimeProcess(script(`chatter-${verbose}`, body), (_level, line) => lines.push(line),
      { env: { ...process.env, LAYERLENS_VERBOSE: verbose ? '1' : '0' } });
    const exited = new Promise((resolve) => runtime.onExit(resolve));
    await exited;
    await waitFor(() => lines.some((l) => l.includes('disk full')));
    const logged = lines.filter((l) => l.startsWith('[runtime]')).join('\n');
    assert.match(logged, /training failed: disk full/);
    assert.equal(/artificially reduced/.test(logged), verbose, logged);
  }
});
