// The extension's guards of issue 11: data outside the workspace folder is detected (and needs confirmation, see
// data-guard.ts), Install GPU Runtime is disabled in untrusted workspaces, and the new settings exist.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { dataPathOutside } from '../../../extension/training/data-location';
import { cachedSpec, MAX_SPEC_TEXT } from '../../../extension/training-panel/spec-cache';
import { describeSpecDiff, UNREADABLE_SPEC } from '../../../extension/training-panel/spec-diff';

const XOR = `name: xor
task: classification
input: [2]
data: { source: xor }
layers:
  - dense: { units: 2, activation: softmax }
`;

const ROOT = resolve(__dirname, '../../../..');

test('data paths outside the workspace folder are detected, relative or absolute', () => {
  const folder = '/work/project';
  const model = join(folder, 'models', 'm.model.yaml');
  assert.equal(dataPathOutside(model, 'data/train.csv', folder), undefined);
  assert.equal(dataPathOutside(model, '../data/train.csv', folder), undefined);
  assert.equal(dataPathOutside(model, '../../secrets.csv', folder), '/work/secrets.csv');
  assert.equal(dataPathOutside(model, '/etc/passwd', folder), '/etc/passwd');
  assert.equal(dataPathOutside(model, '../../project-other/x.csv', folder), '/work/project-other/x.csv');
});

interface Manifest {
  contributes: {
    commands: { command: string; enablement?: string }[];
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

test('Install GPU Runtime needs a trusted workspace; the settings of issue 11 are contributed', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const install = manifest.contributes.commands.find((c) => c.command === 'layerlens.installGpuRuntime');
  assert.equal(install?.enablement, 'isWorkspaceTrusted');
  const settings = manifest.contributes.configuration.properties;
  assert.equal(settings['layerlens.maxModelFileSize']?.default, 1_048_576);
  assert.equal(settings['layerlens.keepCheckpoints']?.default, 3);
  assert.equal(settings['layerlens.allowDataOutsideWorkspace']?.default, false);
});

test('the Training panel never parses a run spec over its bound, and parses each text once', () => {
  const huge = `name: x\n${'k: 1\n'.repeat(MAX_SPEC_TEXT / 5 + 1)}`;
  assert.equal(cachedSpec(huge, 'm.model.yaml'), undefined);
  assert.equal(describeSpecDiff(XOR, huge, 'm.model.yaml'), UNREADABLE_SPEC);
  const first = cachedSpec(XOR, 'm.model.yaml');
  assert.ok(first);
  assert.equal(cachedSpec(XOR, 'm.model.yaml'), first, 'the same object: served from the cache');
});
