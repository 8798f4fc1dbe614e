/**
 * Trains one sample with its own defaults on wasm in this (child) process and prints one JSON line: the status and
 * the last epoch row. Started by samples-teach.test.ts, two at a time so both cores work. Without arguments (as when
 * `node --test` picks up every file of the folder) it does nothing.
 *
 *   node train-sample.js <modelFile> <assetsDir> <runsDir>
 */
import { readFileSync } from 'node:fs';
import { selectBackend } from '../../../runtime/backends';
import type { MetricRow } from '../../../runtime/protocol';
import { createTrainer } from '../../../runtime/training';

export interface SampleOutcome {
  readonly status: string;
  readonly message?: string;
  readonly lastEpoch?: MetricRow;
}

async function main(modelFile: string, assetsDir: string, runsDir: string): Promise<void> {
  let lastEpoch: MetricRow | undefined;
  const trainer = createTrainer({
    selectBackend, assetsDir,
    notify: (message) => {
      if (message.type === 'runMetrics') for (const row of message.rows) if (row.kind === 'epoch') lastEpoch = row;
    },
  });
  const result = await trainer.train({
    modelFile, text: readFileSync(modelFile, 'utf8'), runsDir, backend: { preference: 'wasm', nodeModuleDirs: [] },
  });
  const outcome: SampleOutcome = { status: result.status, ...(result.message ? { message: result.message } : {}), ...(lastEpoch ? { lastEpoch } : {}) };
  process.stdout.write(`\n${JSON.stringify(outcome)}\n`);
}

const [modelFile, assetsDir, runsDir] = process.argv.slice(2);
if (modelFile !== undefined && assetsDir !== undefined && runsDir !== undefined) {
  main(modelFile, assetsDir, runsDir).then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
