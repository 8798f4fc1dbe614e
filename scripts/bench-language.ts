// Benchmark of the model-definition language on a generated 500-layer residual network.
// Reports median milliseconds (targets: checkModel < 20 ms, hover over all layers < 5 ms); prints nothing itself.
import { checkModel, layerHoverMarkdown } from '../runtime/language/index';

/** A YAML model of `layerCount` layers: a stem, residual blocks (conv/bn/relu/conv/bn/add/relu) and a head. */
export function generateResidualModel(layerCount: number): string {
  const lines = [
    'name: bench-resnet', 'task: classification', 'input: [32, 32, 3]', 'data: { source: mnist }', 'layers:',
    '  - conv2d: { filters: 16, kernel: 3, padding: same, id: b0 }',
  ];
  let count = 1;
  for (let block = 1; count + 7 + 2 <= layerCount; block++) {
    lines.push(
      '  - conv2d: { filters: 16, kernel: 3, padding: same }',
      '  - batchNormalization: {}',
      '  - activation: { fn: relu }',
      '  - conv2d: { filters: 16, kernel: 3, padding: same }',
      `  - batchNormalization: { id: n${block} }`,
      `  - add: { from: [n${block}, b${block - 1}] }`,
      `  - activation: { fn: relu, id: b${block} }`,
    );
    count += 7;
  }
  for (; count + 2 < layerCount; count++) lines.push('  - dropout: { rate: 0.1 }');
  lines.push('  - globalAveragePooling2d', '  - dense: { units: 10, activation: softmax }');
  lines.push('train: { epochs: 1, batchSize: 32 }');
  return `${lines.join('\n')}\n`;
}

function medianMs(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 1000) / 1000;
}

export async function benchLanguage(): Promise<Record<string, number>> {
  const text = generateResidualModel(500);
  const check = checkModel(text, 'bench.model.yaml');
  // Warm up the JIT before measuring.
  for (let i = 0; i < 5; i++) checkModel(text, 'bench.model.yaml');
  const checkMs = medianMs(21, () => checkModel(text, 'bench.model.yaml'));
  const hoverMs = medianMs(21, () => {
    for (const layer of check.layers) layerHoverMarkdown(layer);
  });
  await Promise.resolve();
  return {
    'language.layers': check.layers.length,
    'language.errors': check.diagnostics.filter((d) => d.severity === 'error').length,
    'language.checkModel500.medianMs': checkMs,
    'language.hoverAll500.medianMs': hoverMs,
  };
}
