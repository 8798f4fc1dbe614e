// Reported adversarial examples keep ‖δ‖∞ ≤ ε exactly, although x ± ε is rounded to float32.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tightenToEpsilon } from '../../../../runtime/analysis/attacks/projection';

test('values one float32 step outside the ε-ball move back inside; the others do not move', () => {
  const x = Float32Array.from([0.3, 0.7, -1.3, 0.5, 0]);
  // x + ε and x − ε rounded to float32, as the attack's box computes them, and one value well inside the ball.
  const adversarial = Float32Array.from([Math.fround(x[0]! + 0.1), Math.fround(x[1]! - 0.1), Math.fround(x[2]! - 0.1), 0.55, 0.1]);
  const outside = Array.from(adversarial, (a, i) => Math.abs(a - x[i]!) > 0.1);
  assert.ok(outside.some(Boolean), 'the rounding puts some value outside (otherwise this test shows nothing)');
  const before = Float32Array.from(adversarial);
  const moved = tightenToEpsilon(x, adversarial, 0.1);
  assert.equal(moved, outside.filter(Boolean).length);
  adversarial.forEach((a, i) => {
    assert.ok(Math.abs(a - x[i]!) <= 0.1, `|δ${i}| = ${Math.abs(a - x[i]!)}`);
    if (!outside[i]) assert.equal(a, before[i]);
    // Each moved value moved by a float32 step or two (ulps near 1.3 are 1.2e-7), no more.
    else assert.ok(Math.abs(a - before[i]!) <= 2.5e-7 && Math.abs(a - x[i]!) > 0.1 - 2.5e-7, `moved ${before[i]} → ${a}`);
  });
});

test('ε = 0 gives x itself', () => {
  const x = Float32Array.from([0.25, 0.3]);
  const adversarial = Float32Array.from([Math.fround(0.25 + 1e-8), Math.fround(0.3 + 3e-8)]);
  tightenToEpsilon(x, adversarial, 0);
  assert.deepEqual([...adversarial], [...x]);
});
