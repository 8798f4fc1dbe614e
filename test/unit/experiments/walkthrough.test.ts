// The "Deep learning, hands on" walkthrough: steps in the course's order, each with a paragraph, a button that opens
// and trains an existing sample, and a markdown page that ships in the .vsix.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

interface Step { readonly id: string; readonly description: string; readonly media: { readonly markdown?: string } }
interface Manifest {
  readonly contributes: { readonly commands: { command: string; category: string }[]; readonly walkthroughs: { title: string; steps: Step[] }[] };
}

/** Steps that open the Inspector on the model file in the editor (feature maps, then its Explain and Adversarial tabs). */
const INSPECTOR_STEPS = new Set(['featureMaps', 'cam', 'adversarial']);

test('walkthrough: course order, one paragraph and one openSample button per step, each naming a sample that exists', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.equal(walkthrough?.title, 'Deep learning, hands on');
  const steps = walkthrough?.steps ?? [];
  assert.deepEqual(steps.map((s) => s.id),
    ['regression', 'classification', 'xor', 'cnn', 'resnet', 'unet', 'featureMaps', 'cam', 'adversarial', 'memorization', 'transfer', 'autoencoder', 'gan']);
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const step of steps) {
    const [paragraph, button, ...rest] = step.description.split('\n');
    assert.ok(existsSync(step.media.markdown ?? ''), `${step.id}: ${step.media.markdown ?? ''}`);
    if (INSPECTOR_STEPS.has(step.id)) {
      // Inspects the model file in the editor: only a button, no sample to open.
      assert.match(button ?? '', /^\[.+\]\(command:layerlens\.inspectModel\)$/);
      assert.ok(commands.has('layerlens.inspectModel') && (paragraph ?? '').length > 40 && rest.length === 0);
      continue;
    }
    assert.ok((paragraph ?? '').length > 40, step.id);
    assert.deepEqual(rest, [], `${step.id}: one paragraph and one button`);
    const match = /^\[.+\]\(command:layerlens\.openSample\?(.+)\)$/.exec(button ?? '');
    assert.ok(match, `${step.id}: ${button ?? ''}`);
    const [sample] = JSON.parse(decodeURIComponent(match[1] ?? '')) as string[];
    assert.ok(existsSync(`samples/${sample ?? ''}`), `${step.id}: samples/${sample ?? ''}`);
  }
  assert.ok(manifest.contributes.commands.some((c) => c.command === 'layerlens.openSample' && c.category === 'LayerLens'));
  assert.match(readFileSync('.vscodeignore', 'utf8'), /^!walkthrough\/\*\*$/m);
});
