// The process boundaries DEVELOPERS.md draws, checked on what esbuild actually bundles:
// the extension host never loads TensorFlow.js, the runtime never imports `vscode`, webviews import neither.
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../../..');

/** Every module (file or package) the entry point pulls in; `vscode` is reported as an external import. */
async function bundledInputs(entry: string, platform: 'node' | 'browser'): Promise<{ files: string[]; externals: string[] }> {
  const result = await build({
    entryPoints: [join(ROOT, entry)], bundle: true, write: false, metafile: true, platform, logLevel: 'silent',
    external: ['vscode', 'webgpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'], loader: { '.css': 'empty' },
    absWorkingDir: ROOT,
  });
  const externals = Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { files: Object.keys(result.metafile.inputs), externals };
}

test('the extension host bundle contains no TensorFlow.js', async () => {
  const { files, externals } = await bundledInputs('extension/extension.ts', 'node');
  assert.ok(files.some((f) => f.includes('runtime/language/')), 'sanity: the shared parser is bundled');
  assert.deepEqual(files.filter((f) => f.includes('@tensorflow')), []);
  assert.deepEqual(externals.filter((e) => e.includes('@tensorflow') || e === 'webgpu'), []);
});

test('the checker worker bundle contains neither TensorFlow.js nor vscode', async () => {
  const { files, externals } = await bundledInputs('extension/language/check-worker/worker-main.ts', 'node');
  assert.ok(files.some((f) => f.includes('runtime/language/check.ts')), 'sanity: the checker is bundled');
  assert.deepEqual(files.filter((f) => f.includes('@tensorflow')), []);
  assert.deepEqual(externals.filter((e) => e === 'vscode' || e.includes('@tensorflow') || e === 'webgpu'), []);
});

test('the runtime and the CLI never import vscode', async () => {
  for (const entry of ['runtime/main.ts', 'runtime/cli/main.ts']) {
    const { files, externals } = await bundledInputs(entry, 'node');
    assert.ok(files.some((f) => f.includes('@tensorflow/tfjs-core')), `sanity: ${entry} bundles TensorFlow.js`);
    assert.ok(!externals.includes('vscode'), `${entry} imports vscode`);
    assert.deepEqual(files.filter((f) => f.startsWith('extension/')), [], `${entry} imports extension code`);
  }
});

test('webview bundles import neither vscode nor TensorFlow.js nor extension/runtime code', async () => {
  const panels = readdirSync(join(ROOT, 'webviews')).filter((d) => existsSync(join(ROOT, 'webviews', d, 'main.ts')));
  assert.ok(panels.length >= 1);
  for (const panel of panels) {
    const { files, externals } = await bundledInputs(`webviews/${panel}/main.ts`, 'browser');
    assert.ok(!externals.includes('vscode'), `${panel} imports vscode`);
    assert.deepEqual(files.filter((f) => f.includes('@tensorflow') || f.startsWith('extension/') || f.startsWith('runtime/')), [],
      `${panel} imports code of another process`);
  }
});
