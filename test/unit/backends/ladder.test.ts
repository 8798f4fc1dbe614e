// Backend ladder behaviour: auto order and reasons, explicit choices that fail, optional packages found in
// extra folders (as the extension installs them), and registration through a second tfjs-core copy.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, selectBackend } from '../../../runtime/backends';
import type { BackendPreference } from '../../../runtime/backends';
import { WEBGPU_ENABLED } from './helpers';

// Every ladder walk here passes `searchRuntimeModules: false`: the optional @tensorflow/tfjs-node-gpu (and
// tfjs-node) may or may not be installed in this checkout's node_modules, and the expectations below must hold
// either way. Packages are only found in the fake folders a test names.

const NOT_INSTALLED_CUDA = 'cuda: @tensorflow/tfjs-node-gpu not installed (run "LayerLens: Install GPU Runtime")';
const NOT_INSTALLED_TENSORFLOW = 'tensorflow: @tensorflow/tfjs-node not installed';

/** Creates <dir>/node_modules/<packageName>/ with the given index.js, as `npm install --prefix <dir>` would. */
function fakePackageDir(packageName: string, indexSource: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlens-backend-'));
  const packageDir = join(dir, 'node_modules', ...packageName.split('/'));
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: packageName, version: '4.22.0', main: 'index.js' }));
  writeFileSync(join(packageDir, 'index.js'), indexSource);
  return dir;
}

async function rejection(preference: BackendPreference, nodeModuleDirs: string[]): Promise<BackendUnavailableError> {
  try {
    const selection = await selectBackend({ preference, nodeModuleDirs, searchRuntimeModules: false });
    assert.fail(`expected '${preference}' to be unavailable, got ${selection.backend}`);
  } catch (error) {
    assert.ok(error instanceof BackendUnavailableError, `unexpected error ${String(error)}`);
    return error;
  }
}

test('auto without tfjs-node packages picks wasm unless a hardware WebGPU adapter exists, with reasons', async () => {
  const lines: string[] = [];
  const selection = await selectBackend({ preference: 'auto', nodeModuleDirs: [], searchRuntimeModules: false, log: (line) => lines.push(line) });
  assert.equal(selection.reasons[0], NOT_INSTALLED_CUDA);
  if (selection.backend === 'webgpu') {
    assert.equal(selection.software, false, 'auto must not pick a software adapter');
    assert.equal(selection.reasons.length, 1);
  } else {
    assert.equal(selection.backend, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal(selection.tfBackendName, 'wasm');
    assert.equal(selection.software, false);
    assert.match(selection.reasons[1] ?? '', /^webgpu: (no WebGPU adapter|adapter is software \(\w+\); name webgpu explicitly to use it)/);
    assert.equal(selection.reasons[2], NOT_INSTALLED_TENSORFLOW);
    assert.equal(selection.reasons.length, 3);
    assert.ok(selection.versions['tfjs-backend-wasm'], 'wasm version recorded');
  }
  if (WEBGPU_ENABLED) {
    assert.equal(selection.reasons[1], 'webgpu: adapter is software (lavapipe); name webgpu explicitly to use it');
  }
  assert.ok(selection.device.length > 0);
  assert.equal(selection.versions['tfjs-core'], tf.version_core);
  assert.ok(lines.some((line) => line.startsWith(`backend: using ${selection.backend}`)), lines.join('\n'));
});

test('explicit cpu works and reports the CPU model', async () => {
  const selection = await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  assert.equal(selection.backend, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.deepEqual(selection.reasons, []);
  assert.match(selection.device, /\(\d+ cores?\)$/);
});

test('explicit cuda that is not installed rejects with the reason and leaves the backend alone', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const error = await rejection('cuda', []);
  assert.deepEqual(error.reasons, [NOT_INSTALLED_CUDA]);
  assert.equal(tf.getBackend(), 'cpu', 'no silent fallback');
});

test('explicit cuda names the missing CUDA library of a tfjs-node-gpu found in an extra folder', async () => {
  const dir = fakePackageDir('@tensorflow/tfjs-node-gpu',
    "throw new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');");
  const error = await rejection('cuda', ['/nonexistent-layerlens-dir', dir]);
  assert.deepEqual(error.reasons, ['cuda: libcudart.so.11.0 not found (tfjs-node-gpu 4.22 needs CUDA 11.2 + cuDNN 8.1)']);
});

test('explicit tensorflow refuses a tfjs-node built on another tfjs-core version', async () => {
  const dir = fakePackageDir('@tensorflow/tfjs-node', "exports.version = { 'tfjs-core': '3.21.0', 'tfjs-node': '3.21.0' };");
  const error = await rejection('tensorflow', [dir]);
  assert.deepEqual(error.reasons, [`tensorflow: @tensorflow/tfjs-node uses tfjs-core 3.21.0, the runtime uses ${tf.version_core}`]);
});

test('explicit tensorflow refuses a tfjs-node that registered no backend', async () => {
  const dir = fakePackageDir('@tensorflow/tfjs-node', "exports.version = { 'tfjs-core': require('node:process').env.FAKE_CORE };");
  process.env['FAKE_CORE'] = tf.version_core;
  const error = await rejection('tensorflow', [dir]);
  assert.match(error.reasons[0] ?? '', /^tensorflow: @tensorflow\/tfjs-node loaded but did not register a 'tensorflow' backend/);
});

// Runs last: it leaves a 'tensorflow' backend registered in this process.
test('a tfjs-node loaded from another folder registers through the shared global engine', async () => {
  // Like the real package resolving its own tfjs-core copy: it only reaches our engine through globalThis.
  const dir = fakePackageDir('@tensorflow/tfjs-node', [
    'const engine = globalThis._tfengine;',
    "engine.registerBackend('tensorflow', engine.registryFactory.cpu.factory, 0);",
    `exports.version = { 'tfjs-core': '${tf.version_core}', 'tfjs-node': '${tf.version_core}' };`,
  ].join('\n'));
  const selection = await selectBackend({ preference: 'tensorflow', nodeModuleDirs: [dir], searchRuntimeModules: false });
  assert.equal(selection.backend, 'tensorflow');
  assert.equal(tf.getBackend(), 'tensorflow');
  assert.equal(selection.versions['tfjs-node'], tf.version_core);
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
});
