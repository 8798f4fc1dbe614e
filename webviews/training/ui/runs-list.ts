// The runs of the model file as a table: a tick box to overlay each run, its status, backend, best metric, duration
// and how its spec differs from the file now. Every name is set as text (they come from model files).
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
    // The list is rebuilt about once a second while a run trains: keep keyboard focus where it was.
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const focusRunId = focused?.closest('tr')?.dataset.runId;
    const focusControl = focused?.dataset.control;
    this.body.replaceChildren(...runs.map((run) => this.row(run, shown.has(run.runId), pointCount(run.runId))));
    if (focusRunId !== undefined && focusControl !== undefined && this.body.contains(focused ?? null) === false) {
      const row = [...this.body.rows].find((r) => r.dataset.runId === focusRunId);
      row?.querySelector<HTMLElement>(`[data-control="${focusControl}"]`)?.focus();
    }
  }

  /** Keeps `data-point-count` of a run's row current (the UI test reads it). */
  setPointCount(runId: string, count: number): void {
    const row = [...this.body.rows].find((r) => r.dataset.runId === runId);
    if (row) row.dataset.pointCount = String(count);
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
    const best = textCell(run.best ? `${run.best.name} ${formatMetric(run.best.value)} (epoch ${run.best.epoch})` : '–', 'best');
    if (run.best) best.dataset.value = String(run.best.value);
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
    row.append(cellWith(toggle), name, status, backend, best, textCell(formatDuration(run.durationSeconds), 'duration'),
      textCell(`${run.epochsDone}/${run.epochsPlanned}`, 'epochs'), action);
    return row;
  }
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
