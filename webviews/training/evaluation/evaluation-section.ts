// The Evaluation section of the Training panel: for the first two shown runs (newest first), side by side, the
// decision boundary (2-D classifiers, live while training) and the evaluation of the final model by task.
import type { DecisionBoundary, Evaluation } from '../protocol';
import { dropdown } from '../../shared/toolkit';
import { BoundaryView } from './boundary-view';
import { classificationView } from './classification-view';
import { regressionView } from './regression-view';
import { segmentationView } from './segmentation-view';

/** Runs compared side by side. */
const COLUMNS = 2;

interface RunEvaluation {
  evaluation?: Evaluation;
  boundary?: BoundaryView;
  /** The evaluation message arrived (so "no evaluation" is final, not pending). */
  loaded: boolean;
  /** The checkpoint epoch evaluated; undefined: the final model. */
  epoch?: number;
  checkpointEpochs: readonly number[];
  /** A checkpoint's evaluation was asked for and has not arrived. */
  pending: boolean;
}

export class EvaluationSection {
  private readonly columns = document.createElement('div');
  private readonly runs = new Map<string, RunEvaluation>();
  private shown: string[] = [];

  constructor(container: HTMLElement, private readonly labelOf: (runId: string) => string,
    private readonly onEvaluate: (runId: string, epoch: number | undefined) => void,
    /** A thumbnail was clicked: open that validation example in the Inspector, at the evaluated epoch (undefined: final). */
    private readonly onInspect: (runId: string, example: number, epoch: number | undefined) => void) {
    const heading = document.createElement('h2');
    heading.textContent = 'Evaluation';
    this.columns.className = 'evaluation-columns';
    container.append(heading, this.columns);
  }

  /** The shown runs in list order (newest first); the first two are evaluated side by side. */
  setShown(runIds: readonly string[]): void {
    const next = runIds.slice(0, COLUMNS);
    for (const runId of this.runs.keys()) {
      if (!runIds.includes(runId)) {
        this.runs.get(runId)?.boundary?.dispose();
        this.runs.delete(runId);
      }
    }
    if (next.join('\n') === this.shown.join('\n')) return;
    this.shown = next;
    this.render();
  }

  setEvaluation(runId: string, evaluation: Evaluation | undefined, boundaries: readonly DecisionBoundary[],
    weights: { epoch?: number; checkpointEpochs: readonly number[] }): void {
    const run = this.entry(runId);
    run.loaded = true;
    run.pending = false;
    run.checkpointEpochs = weights.checkpointEpochs;
    if (weights.epoch !== undefined) run.epoch = weights.epoch;
    else delete run.epoch;
    if (evaluation) run.evaluation = evaluation;
    else delete run.evaluation;
    if (boundaries.length > 0) this.boundaryOf(run).setSaved(boundaries);
    if (this.shown.includes(runId)) this.render();
  }

  /** A requested evaluation failed (the panel shows the error): show what was there before. */
  cancelPending(): void {
    let changed = false;
    for (const run of this.runs.values()) {
      changed ||= run.pending;
      run.pending = false;
    }
    if (changed) this.render();
  }

  addBoundary(runId: string, frame: DecisionBoundary): void {
    const run = this.entry(runId);
    const hadView = run.boundary !== undefined;
    this.boundaryOf(run).addLive(frame);
    if (!hadView && this.shown.includes(runId)) this.render();
  }

  private entry(runId: string): RunEvaluation {
    let run = this.runs.get(runId);
    if (!run) {
      run = { loaded: false, checkpointEpochs: [], pending: false };
      this.runs.set(runId, run);
    }
    return run;
  }

  private boundaryOf(run: RunEvaluation): BoundaryView {
    run.boundary ??= new BoundaryView();
    return run.boundary;
  }

  private weightsPicker(runId: string, run: RunEvaluation): HTMLElement {
    const label = document.createElement('label');
    label.className = 'control-label weights';
    label.textContent = 'Evaluate';
    label.append(dropdown(pickerOptions(run.checkpointEpochs), run.epoch === undefined ? 'final' : String(run.epoch), (value) => {
      const epoch = value === 'final' ? undefined : Number(value);
      run.pending = true;
      this.render();
      this.onEvaluate(runId, epoch);
    }, 'Weights to evaluate'));
    return label;
  }

  private render(): void {
    if (this.shown.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'muted';
      empty.textContent = 'Tick a run to see its evaluation.';
      this.columns.replaceChildren(empty);
      return;
    }
    this.columns.replaceChildren(...this.shown.map((runId) => this.column(runId)));
  }

  private column(runId: string): HTMLElement {
    const run = this.entry(runId);
    const column = document.createElement('section');
    column.className = 'evaluation-column';
    column.dataset.runId = runId;
    const heading = document.createElement('h3');
    heading.textContent = `Run ${this.labelOf(runId)}`;
    column.append(heading);
    if (run.boundary) column.append(run.boundary.element);
    if (run.checkpointEpochs.length > 0 && (run.evaluation || run.epoch !== undefined)) column.append(this.weightsPicker(runId, run));
    const evaluation = run.evaluation;
    if (!evaluation || run.pending) {
      const note = document.createElement('p');
      note.className = 'muted';
      note.textContent = run.pending ? 'Evaluating…'
        : run.loaded ? 'No evaluation yet: it is written when the run ends (on its validation split).' : 'Loading…';
      column.append(note);
      return column;
    }
    column.dataset.task = evaluation.task;
    column.append(...viewOf(evaluation, (example) => this.onInspect(runId, example, run.epoch)));
    return column;
  }
}

/** Which weights to evaluate: the final model or any checkpoint (computed on demand by the runtime). */
function pickerOptions(epochs: readonly number[]): { value: string; label: string }[] {
  return [{ value: 'final', label: 'final model' }, ...epochs.map((e) => ({ value: String(e), label: `checkpoint, epoch ${e}` }))];
}

function viewOf(evaluation: Evaluation, open: (example: number) => void): HTMLElement[] {
  switch (evaluation.task) {
    case 'classification': return classificationView(evaluation, open);
    case 'regression': return regressionView(evaluation);
    case 'segmentation': return segmentationView(evaluation);
    default: {
      const unknown: never = evaluation;
      const text = document.createElement('p');
      text.textContent = `Unknown evaluation ${JSON.stringify(unknown).slice(0, 80)}`;
      return [text];
    }
  }
}
