// Black-box transfer between runs that share an input shape: for each ordered pair (A crafts, B is evaluated) the
// attack's success rate on B at one ε, i.e. the share of B's correctly classified examples that the attack crafted on
// A flips. The diagonal is the white-box attack. Computed on demand, one robustness request per cell.
import type { AttackKind, RobustnessAsk, RobustnessAnswer } from '../adversarial-protocol';

export interface TransferRun {
  readonly runDir: string;
  readonly runId: string;
}

export type RunRobustness = (ask: RobustnessAsk, signal: AbortSignal) => Promise<RobustnessAnswer>;

/** Success rate of an attack given robust and clean accuracy (0 when nothing was classified correctly). */
export const successRate = (robust: number, clean: number): number => (clean > 0 ? 1 - robust / clean : 0);

/** Fills `table` with the matrix of `runs` (rows: crafted on, columns: evaluated on), cell by cell as they finish. */
export async function computeTransferMatrix(
  table: HTMLTableElement, runs: readonly TransferRun[], attack: AttackKind, epsilon: number, samples: number,
  run: RunRobustness, signal: AbortSignal,
): Promise<void> {
  const header = table.createTHead().insertRow();
  header.append(cell('th', `crafted on ↓ / evaluated on → (ε = ${epsilon})`));
  for (const target of runs) header.append(cell('th', target.runId));
  const body = table.createTBody();
  const cells = runs.map((source) => {
    const row = body.insertRow();
    row.append(cell('th', source.runId));
    return runs.map(() => {
      const td = cell('td', '…');
      row.append(td);
      return td;
    });
  });
  for (const [i, source] of runs.entries()) {
    for (const [j, target] of runs.entries()) {
      if (signal.aborted) return;
      const td = cells[i]?.[j];
      if (!td) continue;
      const answer = await run({
        runDir: target.runDir, epoch: null, attack, epsilons: [epsilon], samples,
        ...(attack === 'pgd' ? { steps: 10 } : {}), ...(i !== j ? { transferFrom: { runDir: source.runDir, epoch: null } } : {}),
      }, signal);
      const rate = successRate(answer.accuracy[0] ?? 0, answer.cleanAccuracy);
      td.textContent = `${(rate * 100).toFixed(0)}%`;
      td.dataset['rate'] = String(rate);
      td.title = `robust accuracy ${((answer.accuracy[0] ?? 0) * 100).toFixed(1)}% of clean ${(answer.cleanAccuracy * 100).toFixed(1)}% over ${answer.samples} examples`;
    }
  }
}

function cell(tag: 'th' | 'td', text: string): HTMLTableCellElement {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}
