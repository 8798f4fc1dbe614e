// The Evaluation section of the Training panel: for the first two shown runs (newest first), side by side, the
// decision boundary (2-D classifiers, live while training) and the evaluation of the final model by task.
import type { DecisionBoundary, Evaluation } from '../protocol';
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
}

export class EvaluationSection {
  private readonly columns = document.createElement('div');
  private readonly runs = new Map<string, RunEvaluation>();
  private shown: string[] = [];

  constructor(container: HTMLElement, private readonly labelOf: (runId: string) => string) {
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

  setEvaluation(runId: string, evaluation: Evaluation | undefined, boundaries: readonly DecisionBoundary[]): void {
    const run = this.entry(runId);
    run.loaded = true;
    if (evaluation) run.evaluation = evaluation;
    else delete run.evaluation;
    if (boundaries.length > 0) this.boundaryOf(run).setSaved(boundaries);
    if (this.shown.includes(runId)) this.render();
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
      run = { loaded: false };
      this.runs.set(runId, run);
    }
    return run;
  }

  private boundaryOf(run: RunEvaluation): BoundaryView {
    run.boundary ??= new BoundaryView();
    return run.boundary;
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
    const evaluation = run.evaluation;
    if (!evaluation) {
      const note = document.createElement('p');
      note.className = 'muted';
      note.textContent = run.loaded ? 'No evaluation yet: it is written when the run ends (on its validation split).' : 'Loading…';
      column.append(note);
      return column;
    }
    column.dataset.task = evaluation.task;
    column.append(...viewOf(evaluation));
    return column;
  }
}

function viewOf(evaluation: Evaluation): HTMLElement[] {
  switch (evaluation.task) {
    case 'classification': return classificationView(evaluation);
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
