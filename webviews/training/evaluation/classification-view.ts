// The evaluation of a classifier: accuracy and top-k, the confusion matrix (click a cell for its examples), the
// sortable per-class table and the most confident mistakes.
import type { Evaluation } from '../protocol';
import { formatMetric } from '../ui/format';
import { classTable } from './class-table';
import { confusionMatrix } from './confusion-matrix';
import { thumbnail } from './thumbnails';

type Classification = Extract<Evaluation, { task: 'classification' }>;

const MISTAKES_SHOWN = 24;

export function classificationView(evaluation: Classification): HTMLElement[] {
  const summary = document.createElement('p');
  summary.className = 'evaluation-summary';
  summary.dataset.accuracy = String(evaluation.accuracy);
  summary.textContent = `accuracy ${formatMetric(evaluation.accuracy)} on ${evaluation.count} validation examples`
    + evaluation.topK.filter((t) => t.k > 1).map((t) => ` · top-${t.k} ${formatMetric(t.accuracy)}`).join('')
    + ` · ${evaluation.misclassified.length} mistakes`;
  return [summary, confusionMatrix(evaluation), classTable(evaluation.perClass), mistakesGrid(evaluation)];
}

function mistakesGrid(evaluation: Classification): HTMLElement {
  const section = document.createElement('div');
  section.className = 'mistakes';
  const heading = document.createElement('h4');
  heading.textContent = 'Most confident mistakes';
  const grid = document.createElement('div');
  grid.className = 'thumbnails';
  const name = (k: number): string => evaluation.classNames[k] ?? String(k);
  const shown = evaluation.misclassified.filter((m) => evaluation.examples[String(m.index)] !== undefined).slice(0, MISTAKES_SHOWN);
  grid.append(...shown.map((m) => thumbnail(evaluation.examples[String(m.index)], m.index,
    `true ${name(m.label)} → ${name(m.predicted)} (${Math.round(m.confidence * 100)}%)`)));
  if (shown.length === 0) grid.textContent = 'No mistakes on the validation split.';
  section.append(heading, grid);
  return section;
}
