// `layerlens summary FILE [--json]`: a Keras-like layer table, or JSON, for a model file.
// Exit codes: 0 valid (warnings allowed), 1 invalid or unreadable file, 2 usage error.
import { checkModel, formatCount, type Diagnostic, type LayerInfo, type ModelCheck, type Shape } from '../language/index';

export interface SummaryIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Throws when the file cannot be read. */
  readFile(path: string): string;
}

const USAGE = 'usage: layerlens summary FILE [--json]\n';

/** `args` are the arguments after `summary`. */
export function runSummary(args: string[], io: SummaryIo): number {
  const json = args.includes('--json');
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  const unknownFlags = args.filter((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  const [file] = files;
  if (unknownFlags.length > 0 || files.length !== 1 || file === undefined) {
    io.stderr(`${unknownFlags.length > 0 ? `unknown option ${unknownFlags.join(' ')}\n` : ''}${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    io.stderr(`${file}: error: cannot read file: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const check = checkModel(text, file);
  const problems = check.diagnostics.map((d) => formatDiagnostic(file, d)).join('');
  if (problems) io.stderr(problems);
  if (check.diagnostics.some((d) => d.severity === 'error')) return 1;
  io.stdout(json ? `${JSON.stringify(summaryJson(check))}\n` : summaryTable(check));
  return 0;
}

/** `FILE:LINE:COL: severity: message` with 1-based line and column. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const { line, col } = diagnostic.range.start;
  return `${file}:${line + 1}:${col + 1}: ${diagnostic.severity}: ${diagnostic.message}\n`;
}

/** The `--json` document; key order is part of the contract. Shapes exclude the batch dimension. */
export function summaryJson(check: ModelCheck) {
  return {
    name: check.name,
    layers: check.layers.map((l) => ({
      id: l.id, type: l.type, inputShapes: l.inputShapes, outputShape: l.outputShape,
      params: l.params, trainableParams: l.trainableParams, macs: l.macs, line: l.line, ...(l.frozen ? { frozen: true } : {}),
    })),
    totalParams: check.totals.params,
    trainableParams: check.totals.trainableParams,
  };
}

const kerasShape = (shape: Shape | null): string => (shape ? `(None, ${shape.join(', ')})` : '?');

function row(cells: readonly string[], widths: readonly number[]): string {
  return ` ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}`;
}

export function summaryTable(check: ModelCheck): string {
  const header = ['Layer (type)', 'Output Shape', 'Param #', 'MACs', 'Connected to'];
  const cells = check.layers.map((l: LayerInfo) => [
    `${l.id} (${l.type})${l.frozen ? ' [frozen]' : ''}`, kerasShape(l.outputShape), formatCount(l.params), formatCount(l.macs), l.inputIds.join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const width = widths.reduce((a, b) => a + b + 2, 1);
  const thin = '_'.repeat(width);
  const thick = '='.repeat(width);
  const { totals } = check;
  return [
    `Model: "${check.name}"`, thin, row(header, widths), thick,
    ...cells.map((c) => row(c, widths)),
    thick,
    `Total params: ${formatCount(totals.params)}`,
    `Trainable params: ${formatCount(totals.trainableParams)}`,
    `Non-trainable params: ${formatCount(totals.nonTrainableParams)}`,
    `Total MACs: ${formatCount(totals.macs)}`,
    thin, '',
  ].join('\n');
}
