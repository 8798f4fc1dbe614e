// The CLI in a terminal: Dawn writes its warnings to fd 2 from native code, where this process cannot filter them.
// When a command may load Dawn (its backend is `webgpu` or `auto`) and the user did not ask for LAYERLENS_VERBOSE=1,
// the CLI runs itself once more as a child whose stderr it reads and passes through NativeChatterFilter; stdout is
// the child's own (so `isTTY` and --json output are unchanged), and the exit code is the child's.
import { spawn } from 'node:child_process';
import { NativeChatterFilter, verboseOutput } from '../backends/native-chatter';

/** Set in the child, so that it does not wrap itself again. */
const FILTERED_ENV = 'LAYERLENS_STDERR_FILTERED';
/** Commands that never select a backend. */
const NO_BACKEND = new Set(['summary', 'help', '--help', '-h']);
const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The `--backend` value in `argv` (`--backend B` or `--backend=B`), `auto` when absent. */
function backendArgument(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--backend') return argv[i + 1] ?? 'auto';
    if (arg.startsWith('--backend=')) return arg.slice('--backend='.length);
  }
  return 'auto';
}

/** True when this invocation should run as a stderr-filtered child (see the file comment). */
export function needsQuietStderr(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const [command] = argv;
  if (command === undefined || NO_BACKEND.has(command) || env[FILTERED_ENV] === '1' || verboseOutput(env)) return false;
  const backend = backendArgument(argv);
  return backend === 'webgpu' || backend === 'auto';
}

/**
 * Runs `script argv` in a child with stderr filtered and resolves with its exit code. The child has its own process
 * group, so a terminal's Ctrl-C reaches it once, through us (a second SIGINT would end `train` without its clean stop);
 * an IPC channel, which closes however we end (kill -9 included), ends it with us (see `endWithParent`).
 */
export function runWithQuietStderr(script: string, argv: readonly string[],
  writeStderr: (text: string) => void = (text) => { process.stderr.write(text); }): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, script, ...argv], {
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'], detached: true, env: { ...process.env, [FILTERED_ENV]: '1' },
  });
  const filter = new NativeChatterFilter(writeStderr);
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => filter.push(text));
  const forward = (signal: NodeJS.Signals): void => { try { child.kill(signal); } catch { /* already gone */ } };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  return new Promise<number>((resolve) => {
    child.on('error', (error) => {
      writeStderr(`layerlens: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      filter.end();
      for (const s of FORWARDED_SIGNALS) process.removeListener(s, forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

/** In the filtered child: exit when the relaying parent is gone, instead of running on unseen in its own group. */
export function endWithParent(): void {
  if (process.env[FILTERED_ENV] !== '1' || !process.channel) return;
  process.channel.unref(); // the channel alone must not keep the command running
  process.on('disconnect', () => process.exit(129));
}
