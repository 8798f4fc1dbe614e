#!/usr/bin/env node
/**
 * `layerlens` command line: `layerlens summary FILE [--json]`, `layerlens train FILE [...]`, `layerlens info`,
 * `layerlens inspect RUN_DIR --layer ID [...]`, `layerlens evaluate RUN_DIR [...]`,
 * `layerlens attack RUN_DIR ...`, `layerlens robustness RUN_DIR ...`,
 * `layerlens explain RUN_DIR --method M [...]`, `layerlens maximize RUN_DIR [...]`.
 * Argument parsing and I/O only; the work is done by the modules each command calls.
 */
import { readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
// Commands are imported when run: a CLI process that only relays a child's stderr (quiet-stderr.ts) then never
// loads TensorFlow.js, and `summary` starts without it.
import { endWithParent, needsQuietStderr, runWithQuietStderr } from './quiet-stderr';

const USAGE = `usage: layerlens <command> [options]
  summary FILE [--json]     layer table: shapes, parameters, MACs
  train FILE [--epochs N] [--backend B] [--out DIR] [--keep-checkpoints K] [--threads N] [--json]
  train --resume RUN_DIR [--epochs N] [--json]
                            train the model; prints progress, final metrics and the run folder
  evaluate RUN_DIR [--epoch E] [--backend B] [--json]
                            confusion matrix / regression fit / mask IoU on the validation split
  info [--backend B] [--json]
                            the backend and device training would use, and why faster ones are not
  inspect RUN_DIR --layer ID [--sample N | --input FILE] [--epoch E] [--backend B] [--json]
                            one layer's output for one example of a trained run
  attack RUN_DIR --attack fgsm|pgd --epsilon E [--steps K] [--step-size A] [--random-start] [--seed S]
         [--target C] [--label C] [--sample N | --input FILE] [--epoch E] [--json]
                            an adversarial example for one input, with predictions before and after
  robustness RUN_DIR --attack fgsm|pgd --epsilons 0,0.05,0.1 [--samples N] [--steps K] [--transfer-from RUN_DIR2]
             [--seed S] [--json]
                            robust accuracy against ε over the first N validation examples (robustness.json)
  explain RUN_DIR --method M [--layer ID] [--class C] [--sample N | --input FILE] [--json]
                            Grad-CAM, CAM, saliency, SmoothGrad, Integrated Gradients or LRP for one example
  maximize RUN_DIR (--class C | --layer ID --channel K) [--steps N] [--seed S] [--json]
                            activation maximization: the input that most raises a class or a channel
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // The bundle sits next to the wasm binaries; LAYERLENS_NODE_MODULES adds folders holding tfjs-node(-gpu).
  const nodeModuleDirs = (process.env.LAYERLENS_NODE_MODULES ?? '').split(delimiter).filter(Boolean);
  const io = {
    stdout: (text: string) => { process.stdout.write(text); },
    stderr: (text: string) => { process.stderr.write(text); },
    readFile: (path: string) => readFileSync(path, 'utf8'),
  };
  switch (command) {
    case 'summary':
      return (await import('./summary')).runSummary(rest, io);
    case 'train':
      return (await import('./train')).runTrain(rest, { ...io, isTTY: process.stdout.isTTY === true }, { wasmDir: __dirname, nodeModuleDirs });
    case 'evaluate': {
      const { defaultAssetsDir, runEvaluate } = await import('./evaluate');
      return runEvaluate(rest, io, defaultAssetsDir(__dirname), __dirname, nodeModuleDirs);
    }
    case 'info':
      return (await import('./info')).runInfo(rest, io, nodeModuleDirs, __dirname);
    case 'inspect':
      return (await import('./inspect')).runInspect(rest, io, { wasmDir: __dirname, nodeModuleDirs });
    case 'attack':
      return (await import('./attack')).runAttack(rest, io, { wasmDir: __dirname, nodeModuleDirs });
    case 'robustness':
      return (await import('./robustness')).runRobustness(rest, io, { wasmDir: __dirname, nodeModuleDirs });
    case 'explain':
      return (await import('./explain')).runExplain(rest, io, { wasmDir: __dirname, nodeModuleDirs });
    case 'maximize':
      return (await import('./maximize')).runMaximize(rest, io, { wasmDir: __dirname, nodeModuleDirs });
    case undefined:
    case '-h':
    case '--help':
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`layerlens: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

const args = process.argv.slice(2);
endWithParent();
void Promise.resolve(needsQuietStderr(args) ? runWithQuietStderr(__filename, args) : main(args)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`layerlens: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
