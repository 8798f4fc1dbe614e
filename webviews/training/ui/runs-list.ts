// The runs of the model file as a table: a tick box to overlay each run, its status, backend, best metric, duration
// and how its spec differs from the file now. Every name is set as text (they come from model files).
import { liveFrames } from '../../shared/frame-clock';
import type { RunSummary } from '../protocol';
import { button, checkbox } from '../../shared/toolkit';
import { formatDuration, formatMetric, formatStart, formatTime } from './format';

export interface RunsListHandlers {
  onToggle(runId: string, shown: boolean): void;
  onResume(runId: string): void;
  /** Opens the run in the Inspector (feature maps of its trained weights). */
  onInspect(runId: string): void;
}

const HEADINGS = ['Show', 'Run', 'Status', 'Backend', 'Best', 'Duration', 'Epochs', ''];

/**
 * Short legend text of a run: its start time and, when its spec differs from the file now, how; a run of another
 * model file is named by that file first (`memorization.model.yaml 21:44 (data.shuffleLabels none → true, …)`).
 */
export function runLabel(run: RunSummary): string {
  const start = formatTime(run.startedAt, run.runId);
  const named = run.modelFile === undefined ? start : `${run.modelFile} ${start}`;
  return run.specDiff ? `${named} (${run.specDiff})` : named;
}

export class RunsList {
  private readonly table = document.createElement('table');
  private readonly body = document.createElement('tbody');
  private readonly pointCounts = new Map<string, number>();
  /** Rows kept by the last render whose numbers changed, with the run to show. */
  private readonly numbers = new Map<HTMLTableRowElement, RunSummary>();
  /** Point counts and the numbers of kept rows, written in the panel's live frame. */
  private readonly writeLive = (): void => {
    for (const row of this.body.rows) {
      const count = this.pointCounts.get(row.dataset.runId ?? '');
      if (count !== undefined) row.dataset.pointCount = String(count);
      const run = this.numbers.get(row);
      if (run) setNumbers(row, run);
    }
    this.pointCounts.clear();
    this.numbers.clear();
  };

  constructor(container: HTMLElement, private readonly handlers: RunsListHandlers) {
    this.table.className = 'runs';
    const caption = document.createElement('caption');
    caption.textContent = 'Runs';
    const headRow = document.createElement('tr');
    for (const heading of HEADINGS) {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.textContent = heading;
      headRow.append(cell);
    }
    const head = document.createElement('thead');
    head.append(headRow);
    this.table.append(caption, head, this.body);
    container.append(this.table);
  }

  render(runs: readonly RunSummary[], shown: ReadonlySet<string>, pointCount: (runId: string) => number): void {
    if (runs.length === 0) {
      const row = document.createElement('tr');
      const cell = document.createElement('td');
      cell.colSpan = HEADINGS.length;
      cell.textContent = 'No runs yet: Train to start one.';
      row.append(cell);
      this.body.replaceChildren(row);
      return;
    }
    // The list is refreshed about once a second while a run trains. A row whose run changed only in its numbers
    // (duration, epochs, best) keeps its element and its controls, so focus stays and the toolkit's components are
    // not built again, and its numbers are written in the next live frame; other rows are rebuilt, keeping keyboard
    // focus where it was.
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const focusRunId = focused?.closest('tr')?.dataset.runId;
    const focusControl = focused?.dataset.control;
    const existing = new Map([...this.body.rows].map((row) => [row.dataset.runId, row]));
    const rows = runs.map((run) => {
      const key = rowKey(run, shown.has(run.runId));
      const row = existing.get(run.runId);
      if (row?.dataset.key === key) {
        this.numbers.set(row, run);
        liveFrames.request(this.writeLive);
        return row;
      }
      const built = this.row(run, shown.has(run.runId), pointCount(run.runId));
      built.dataset.key = key;
      return built;
    });
    if (rows.length !== this.body.rows.length || rows.some((row, i) => this.body.rows[i] !== row)) this.body.replaceChildren(...rows);
    if (focusRunId !== undefined && focusControl !== undefined && this.body.contains(focused ?? null) === false) {
      const row = [...this.body.rows].find((r) => r.dataset.runId === focusRunId);
      row?.querySelector<HTMLElement>(`[data-control="${focusControl}"]`)?.focus();
    }
  }

  /** Keeps `data-point-count` of a run's row current (the UI test reads it), written in the panel's live frame. */
  setPointCount(runId: string, count: number): void {
    this.pointCounts.set(runId, count);
    liveFrames.request(this.writeLive);
  }

  private row(run: RunSummary, shown: boolean, points: number): HTMLTableRowElement {
    const row = document.createElement('tr');
    row.dataset.runId = run.runId;
    row.dataset.status = run.status;
    row.dataset.pointCount = String(points);
    if (run.live) row.dataset.live = 'true';
    const start = formatStart(run.startedAt, run.runId);
    const toggle = checkbox('', shown, (checked) => this.handlers.onToggle(run.runId, checked));
    toggle.setAttribute('aria-label', `Show run ${run.modelFile === undefined ? '' : `${run.modelFile} `}${start}`);
    toggle.dataset.control = 'toggle';

    const name = document.createElement('td');
    const time = document.createElement('div');
    time.textContent = start;
    time.title = run.runId;
    if (run.modelFile !== undefined) {
      const file = document.createElement('div');
      file.className = 'run-file';
      file.textContent = run.modelFile;
      file.title = 'A run of another model file, overlaid for comparison';
      name.append(file);
    }
    name.append(time);
    if (run.specDiff) {
      const diff = document.createElement('div');
      diff.className = 'muted';
      diff.textContent = run.specDiff;
      diff.title = run.modelFile === undefined ? 'How this run\'s spec differs from the model file now (now → run)'
        : `How ${run.modelFile} of this run differs from this panel's model file now (this file → that run)`;
      name.append(diff);
    }
    const status = textCell(run.live ? 'training' : run.status, 'status');
    if (run.message) status.title = run.message;
    const backend = textCell(run.backend, 'backend');
    backend.title = run.device;
    const action = document.createElement('td');
    if (run.resumable) {
      const resume = button('Resume', () => this.handlers.onResume(run.runId), { secondary: true, title: 'Resume from its last checkpoint' });
      resume.setAttribute('aria-label', `Resume run ${start}`);
      resume.dataset.control = 'resume';
      action.append(resume);
    }
    if (!run.live && (run.status === 'completed' || run.epochsDone > 0)) {
      const inspect = button('Inspect', () => this.handlers.onInspect(run.runId), { secondary: true, title: 'Look inside this run\'s trained model' });
      inspect.setAttribute('aria-label', `Inspect run ${start}`);
      inspect.dataset.control = 'inspect';
      action.append(inspect);
    }
    row.append(cellWith(toggle), name, status, backend, textCell('', 'best'), textCell('', 'duration'), textCell('', 'epochs'), action);
    setNumbers(row, run);
    return row;
  }
}

/** What a row shows apart from its numbers: rows with the same key differ only in setNumbers' cells. */
function rowKey(run: RunSummary, shown: boolean): string {
  // epochsDone matters once: a run with epochs done gets an Inspect button.
  return JSON.stringify({ ...run, durationSeconds: undefined, best: undefined, epochsDone: run.epochsDone > 0, shown });
}

/** The cells that change while a run trains; written only where their text changed. */
function setNumbers(row: HTMLTableRowElement, run: RunSummary): void {
  const set = (field: string, text: string): void => {
    const cell = row.querySelector<HTMLElement>(`td[data-field="${field}"]`);
    if (cell && cell.textContent !== text) cell.textContent = text;
  };
  set('best', run.best ? `${run.best.name} ${formatMetric(run.best.value)} (epoch ${run.best.epoch})` : '–');
  const best = row.querySelector<HTMLElement>('td[data-field="best"]');
  if (best && run.best) best.dataset.value = String(run.best.value);
  else if (best) delete best.dataset.value;
  set('duration', formatDuration(run.durationSeconds));
  set('epochs', `${run.epochsDone}/${run.epochsPlanned}`);
}

function textCell(text: string, field: string): HTMLTableCellElement {
  const cell = document.createElement('td');
  cell.textContent = text;
  cell.dataset.field = field;
  return cell;
}

function cellWith(child: HTMLElement): HTMLTableCellElement {
  const cell = document.createElement('td');
  cell.append(child);
  return cell;
}
