/**
 * `layerlens` command line: `layerlens summary FILE [--json]`, `layerlens train FILE [...]`.
 * Argument parsing and I/O only; the work is done by the modules each command calls.
 */
import { readFileSync } from 'node:fs';
import { runSummary } from './summary';

const USAGE = `usage: layerlens <command> [options]
  summary FILE [--json]     layer table: shapes, parameters, MACs
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const io = {
    stdout: (text: string) => { process.stdout.write(text); },
    stderr: (text: string) => { process.stderr.write(text); },
    readFile: (path: string) => readFileSync(path, 'utf8'),
  };
  switch (command) {
    case 'summary':
      return runSummary(rest, io);
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

process.exitCode = main(process.argv.slice(2));
