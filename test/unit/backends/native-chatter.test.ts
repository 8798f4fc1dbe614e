// Dawn's native warnings kept out of the user's terminal and Output channel unless verbose: the line filter, which CLI
// invocations run as a filtered child, and (LAYERLENS_TEST_WEBGPU=1) the real Dawn on lavapipe through that child.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNativeChatter, NativeChatterFilter } from '../../../runtime/backends/native-chatter';
import { needsQuietStderr, runWithQuietStderr } from '../../../runtime/cli/quiet-stderr';
import { WEBGPU_ENABLED } from './helpers';

/** What Dawn 0.x on Mesa lavapipe prints when an adapter is opened (verbatim). */
const DAWN_LINES = [
  'Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.',
  'Warning: maxDynamicStorageBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.',
];
const dir = mkdtempSync(join(tmpdir(), 'layerlens-chatter-'));

function collect(verbose = false): { filter: NativeChatterFilter; text: () => string } {
  const parts: string[] = [];
  return { filter: new NativeChatterFilter((t) => parts.push(t), verbose), text: () => parts.join('') };
}

test('Dawn and Vulkan loader lines are chatter; our errors and Node warnings are not', () => {
  for (const line of [...DAWN_LINES, 'vkCreateInstance: Found no drivers!', 'WARNING: [Loader Message] Code 0 : loader_scan_for_direct_drivers']) {
    assert.ok(isNativeChatter(line), line);
  }
  for (const line of ['error: training failed: out of memory', '(node:123) Warning: something deprecated',
    'layerlens info: backend webgpu is unavailable', '  webgpu: no WebGPU adapter']) {
    assert.ok(!isNativeChatter(line), line);
  }
});

test('the filter drops chatter split across chunks, keeps everything else byte for byte, and passes all when verbose', () => {
  const quiet = collect();
  const text = `${DAWN_LINES[0]}\nepoch 1/3 loss 0.5\r\n${DAWN_LINES[1]}\nlast line without newline`;
  for (let i = 0; i < text.length; i += 7) quiet.filter.push(text.slice(i, i + 7));
  quiet.filter.end();
  assert.equal(quiet.text(), 'epoch 1/3 loss 0.5\r\nlast line without newline');
  const verbose = collect(true);
  verbose.filter.push(text);
  verbose.filter.end();
  assert.equal(verbose.text(), text);
});

test('CLI invocations that may load Dawn run filtered, unless verbose or already filtered', () => {
  assert.ok(needsQuietStderr(['info', '--backend', 'webgpu'], {}));
  assert.ok(needsQuietStderr(['train', 'm.model.yaml', '--backend=webgpu'], {}));
  assert.ok(needsQuietStderr(['train', 'm.model.yaml'], {}), 'auto may pick a hardware WebGPU adapter');
  assert.ok(!needsQuietStderr(['train', 'm.model.yaml', '--backend', 'wasm'], {}));
  assert.ok(!needsQuietStderr(['summary', 'm.model.yaml'], {}));
  assert.ok(!needsQuietStderr(['info', '--backend', 'webgpu'], { LAYERLENS_VERBOSE: '1' }));
  assert.ok(!needsQuietStderr(['info', '--backend', 'webgpu'], { LAYERLENS_STDERR_FILTERED: '1' }));
});

test('a filtered child: chatter dropped, its own stderr and exit code passed through', async () => {
  const script = join(dir, 'noisy.js');
  writeFileSync(script, `process.stderr.write(${JSON.stringify(`${DAWN_LINES.join('\n')}\n`)});
process.stderr.write('error: ' + process.argv[2] + ' ' + process.env.LAYERLENS_STDERR_FILTERED + '\\n');
process.exitCode = 3;\n`);
  const parts: string[] = [];
  const code = await runWithQuietStderr(script, ['refused'], (t) => parts.push(t));
  assert.equal(code, 3);
  assert.equal(parts.join(''), 'error: refused 1\n');
});

test('real Dawn (LAYERLENS_TEST_WEBGPU=1): it prints warnings when opening the adapter, and none pass the filter', { skip: !WEBGPU_ENABLED }, async () => {
  // Opens the adapter and a device as the webgpu rung does, then says which adapter it got on stderr.
  const script = join(dir, 'dawn.js');
  writeFileSync(script, `const dawn = require(${JSON.stringify(require.resolve('webgpu'))});
Object.assign(globalThis, dawn.globals);
dawn.create([]).requestAdapter({ powerPreference: 'high-performance' }).then(async (adapter) => {
  await adapter.requestDevice();
  process.stderr.write('adapter: ' + adapter.info.description + '\\n');
  process.exit(0);
});\n`);
  const raw = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  assert.equal(raw.status, 0, raw.stderr);
  assert.ok(raw.stderr.split('\n').some(isNativeChatter), `Dawn printed no warning to filter (it printed: ${raw.stderr})`);
  const parts: string[] = [];
  assert.equal(await runWithQuietStderr(script, [], (t) => parts.push(t)), 0);
  assert.match(parts.join(''), /^adapter: .+\n$/);
});
