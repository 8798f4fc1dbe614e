// `layerlens attack` and `layerlens robustness` (binding): the JSON objects' fields and order, FGSM equal to an
// independent computation on the tf.LayersModel itself, which label is attacked, robustness.json, transfer, and
// exit 2 with one line for each user error.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { AnalysisSession, loadRun } from '../../../runtime/analysis';
import { ROBUSTNESS_FILE } from '../../../runtime/analysis/attacks';
import { selectBackend } from '../../../runtime/backends';
import { runAttack } from '../../../runtime/cli/attack';
import { runRobustness } from '../../../runtime/cli/robustness';
import { tempDir, writeRun } from './fixtures';

const CNN = `name: tiny-cnn
task: classification
input: [8, 8, 1]
data: { source: shapes, samples: 40, validationSplit: 0.25 }
layers:
  - conv2d: { id: c1, filters: 3, kernel: 3, activation: relu }
  - dropout: { rate: 0.5 }
  - flatten
  - dense: { id: out, units: 3, activation: softmax }
train: { seed: 9 }
`;

before(() => selectBackend({ preference: 'cpu', nodeModuleDirs: [] }));

interface AttackJson {
  attack: string; epsilon: number; label: number; target: number | null; clip: number[];
  input: { shape: number[]; data: number[] }; adversarial: { shape: number[]; data: number[] };
  probsBefore: number[]; probsAfter: number[]; linf: number;
}

type Command = typeof runAttack;
async function call(command: Command, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = { out: '', err: '', stdout(text: string) { io.out += text; }, stderr(text: string) { io.err += text; } };
  const code = await command([...args, '--backend', 'cpu'], io, { assetsDir: '/nonexistent' });
  return { code, out: io.out, err: io.err };
}

/** FGSM by hand on the LayersModel (not LayerGraph): clip(x + ε·sign(∇ −log clip(p_y, 1e-7, 1 − 1e-7))). */
function referenceFgsm(model: tf.LayersModel, x: number[], shape: number[], label: number, epsilon: number): Float32Array {
  return tf.tidy(() => {
    const input = tf.tensor(x, [1, ...shape]);
    const loss = (v: tf.Tensor): tf.Scalar => {
      const p = tf.clipByValue(model.apply(v, { training: false }) as tf.Tensor, 1e-7, 1 - 1e-7);
      return tf.neg(tf.log(tf.slice(p, [0, label], [1, 1]))).sum();
    };
    return tf.clipByValue(tf.add(input, tf.mul(tf.sign(tf.grad(loss)(input)), epsilon)), 0, 1).dataSync() as Float32Array;
  });
}

test('attack --json prints the binding object; FGSM equals an independent computation; labels as documented', async () => {
  const { runDir } = await writeRun(tempDir(), 'tiny-cnn', CNN);
  const { code, out, err } = await call(runAttack, [runDir, '--attack', 'fgsm', '--epsilon', '0.1', '--sample', '3', '--json']);
  assert.equal(code, 0, err);
  assert.equal(out.split('\n').length, 2, 'one line');
  const result = JSON.parse(out) as AttackJson;
  assert.deepEqual(Object.keys(result), ['attack', 'epsilon', 'label', 'target', 'clip', 'input', 'adversarial', 'probsBefore', 'probsAfter', 'linf']);
  assert.deepEqual(Object.keys(result.adversarial), ['shape', 'data']);
  assert.deepEqual([result.attack, result.epsilon, result.target, result.clip], ['fgsm', 0.1, null, [0, 1]]);
  assert.deepEqual(result.adversarial.shape, [8, 8, 1]);
  assert.ok(result.linf <= 0.1, `‖δ‖∞ = ${result.linf} ≤ ε exactly`);
  const session = await AnalysisSession.open('reference', await loadRun(runDir, { assetsDir: '' }));
  const [example, trueLabel] = tf.tidy(() => [
    Array.from(session.dataset.validation.xs.slice(3, 1).dataSync()), tf.argMax(session.dataset.validation.ys.slice(3, 1), -1).dataSync()[0],
  ] as const);
  assert.deepEqual(result.input.data, example, 'input is validation example 3');
  assert.equal(result.label, trueLabel, '--sample attacks the true label');
  const expected = referenceFgsm(session.graph.built.model, result.input.data, result.input.shape, result.label, 0.1);
  const differing = result.adversarial.data.filter((v, i) => Math.abs(v - (expected[i] ?? NaN)) > 1e-6).length;
  assert.equal(differing, 0, `${differing} values differ from the reference FGSM`);
  session.dispose();

  const inputFile = join(tempDir(), 'x.json');
  writeFileSync(inputFile, JSON.stringify(result.input));
  const fromFile = JSON.parse((await call(runAttack, [runDir, '--attack', 'pgd', '--epsilon', '0.2', '--input', inputFile, '--json'])).out) as AttackJson;
  assert.equal(fromFile.label, fromFile.probsBefore.indexOf(Math.max(...fromFile.probsBefore)), '--input attacks the predicted class');
  const labelled = JSON.parse((await call(runAttack, [runDir, '--attack', 'fgsm', '--epsilon', '0.2', '--label', '2', '--json'])).out) as AttackJson;
  assert.equal(labelled.label, 2);
  const targeted = JSON.parse((await call(runAttack, [runDir, '--attack', 'pgd', '--epsilon', '0.3', '--steps', '5', '--random-start', '--seed', '4', '--target', '1', '--json'])).out) as AttackJson;
  assert.equal(targeted.target, 1);
  assert.ok((targeted.probsAfter[1] ?? 0) > (targeted.probsBefore[1] ?? 0));
  const readable = await call(runAttack, [runDir, '--attack', 'fgsm', '--epsilon', '0.1']);
  assert.match(readable.out, /‖δ‖∞ = /);
});

test('attack and robustness: each user error exits 2 with one clear line', async () => {
  const { runDir } = await writeRun(tempDir(), 'tiny-cnn', CNN);
  const cases: [Command, string[], RegExp][] = [
    [runAttack, [runDir, '--epsilon', '0.1'], /--attack fgsm\|pgd is required/],
    [runAttack, [runDir, '--attack', 'cw', '--epsilon', '0.1'], /--attack must be fgsm or pgd/],
    [runAttack, [runDir, '--attack', 'fgsm'], /--epsilon E is required/],
    [runAttack, [runDir, '--attack', 'fgsm', '--epsilon=-1'], /--epsilon must be a number ≥ 0/],
    [runAttack, [runDir, '--attack', 'fgsm', '--epsilon', '0.1', '--target', '9'], /target 9 is not a class of this model/],
    [runAttack, [tempDir(), '--attack', 'fgsm', '--epsilon', '0.1'], /is not a LayerLens run folder/],
    [runRobustness, [runDir, '--attack', 'fgsm'], /--epsilons E1,E2,... is required/],
    [runRobustness, [runDir, '--attack', 'fgsm', '--epsilons', '0,x'], /--epsilons must be numbers/],
    [runRobustness, [runDir, '--attack', 'fgsm', '--epsilons', '0', '--sample', '2'], /--sample and --input are for attack/],
  ];
  for (const [command, args, message] of cases) {
    const { code, out, err } = await call(command, args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(out, '');
    assert.match(err.split('\n')[0] ?? '', message);
  }
});

test('robustness --json prints the binding object, stores robustness.json, and crafts on --transfer-from', async () => {
  const dir = tempDir();
  const { runDir } = await writeRun(dir, 'tiny-cnn', CNN, { seed: 3 });
  const other = await writeRun(dir, 'other', CNN.replace('name: tiny-cnn', 'name: other'), { seed: 4 });
  const { code, out, err } = await call(runRobustness, [runDir, '--attack', 'pgd', '--epsilons', '0,0.1,0.3', '--samples', '8', '--steps', '3', '--json']);
  assert.equal(code, 0, err);
  const result = JSON.parse(out) as { attack: string; epsilons: number[]; accuracy: number[]; cleanAccuracy: number; samples: number };
  assert.deepEqual(Object.keys(result), ['attack', 'epsilons', 'accuracy', 'cleanAccuracy', 'samples']);
  assert.deepEqual([result.attack, result.epsilons, result.samples], ['pgd', [0, 0.1, 0.3], 8]);
  assert.equal(result.accuracy[0], result.cleanAccuracy, 'accuracy at ε = 0 is clean accuracy');
  assert.ok(existsSync(join(runDir, ROBUSTNESS_FILE)));
  const transfer = await call(runRobustness, [runDir, '--attack', 'fgsm', '--epsilons', '0,0.3', '--transfer-from', other.runDir, '--json']);
  assert.equal(transfer.code, 0, transfer.err);
  const transferred = JSON.parse(transfer.out) as { samples: number; accuracy: number[]; cleanAccuracy: number };
  assert.equal(transferred.samples, 10, 'default 500, at most the validation split');
  assert.equal(transferred.accuracy[0], transferred.cleanAccuracy);
  const readable = await call(runRobustness, [runDir, '--attack', 'fgsm', '--epsilons', '0,0.2', '--median', '3']);
  assert.match(readable.out, /clean accuracy/);
  assert.match(readable.err, /not a real defence/);
});
