// Number options and one-line failures shared by the explanation commands (`explain`, `maximize`).

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** index: whole number ≥ 0; count: whole number ≥ 1; nonNegative: a finite number ≥ 0. */
export type NumberKind = 'index' | 'count' | 'nonNegative';

/** The option's number, undefined when absent; throws one line for a malformed value. */
export function optionalNumber(value: string | boolean | undefined, flag: string, kind: NumberKind): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const number = Number(text);
  const ok = text.trim() !== '' && Number.isFinite(number) && number >= 0 &&
    (kind === 'nonNegative' || (Number.isInteger(number) && (kind === 'index' || number >= 1)));
  if (!ok) {
    const wanted = kind === 'index' ? 'a whole number ≥ 0' : kind === 'count' ? 'a whole number ≥ 1' : 'a number ≥ 0';
    throw new Error(`${flag} must be ${wanted}, got '${text}'`);
  }
  return number;
}

/** Prints one line (the first line of an error's message, plus usage for argument errors) and returns exit code 2. */
export function cliFailure(io: CliIo, command: string, error: unknown, usage?: string): number {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`layerlens ${command}: ${message.split('\n')[0] ?? message}\n${usage ?? ''}`);
  return 2;
}
