// The extension's guards of issue 11: data outside the workspace folder is detected (and needs confirmation, see
// data-guard.ts), Install GPU Runtime is disabled in untrusted workspaces, and the new settings exist.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { dataPathOutside } from '../../../extension/training/data-location';

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
