// The confusion matrix as a heat map table: rows = true class, columns = predicted, each cell its count and its share
// of the row; the shade is the row share (colour from --vscode-charts-blue via CSS). Clicking a cell (or Enter on it)
// shows that cell's examples.
import type { Evaluation } from '../protocol';
import { thumbnail } from './thumbnails';

type Classification = Extract<Evaluation, { task: 'classification' }>;

/** Validation indices of the examples in cell (label, predicted), in index order. */
export function cellMembers(evaluation: Classification, label: number, predicted: number): number[] {
  const members: number[] = [];
  evaluation.labels.forEach((l, i) => { if (l === label && evaluation.predictions[i] === predicted) members.push(i); });
  return members;
}

export function confusionMatrix(evaluation: Classification): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = 'confusion';
  const table = document.createElement('table');
  table.className = evaluation.classNames.length > 6 ? 'confusion-matrix compact' : 'confusion-matrix';
  const caption = document.createElement('caption');
  caption.textContent = 'Confusion matrix (rows: true class, columns: predicted; % of the row)';
  const head = document.createElement('tr');
  head.append(headerCell('true \\ predicted', 'col'), ...evaluation.classNames.map((name) => headerCell(name, 'col')));
  const thumbs = document.createElement('div');
  thumbs.className = 'cell-examples';
  thumbs.setAttribute('aria-live', 'polite');
  const body = document.createElement('tbody');
  evaluation.confusion.forEach((row, label) => {
    const tr = document.createElement('tr');
    tr.append(headerCell(evaluation.classNames[label] ?? String(label), 'row'));
    const rowTotal = row.reduce((a, b) => a + b, 0);
    row.forEach((count, predicted) => {
      const share = rowTotal === 0 ? 0 : count / rowTotal;
      const cell = document.createElement('td');
      cell.className = label === predicted ? 'cell diagonal' : 'cell';
      cell.dataset.count = String(count);
      cell.dataset.true = String(label);
      cell.dataset.predicted = String(predicted);
      cell.style.setProperty('--share', `${Math.round(share * 100)}%`);
      cell.tabIndex = 0;
      const countText = document.createElement('div');
      countText.textContent = String(count);
      const shareText = document.createElement('div');
      shareText.className = 'share';
      shareText.textContent = count === 0 ? '' : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
      cell.append(countText, shareText);
      cell.title = `true ${evaluation.classNames[label] ?? label}, predicted ${evaluation.classNames[predicted] ?? predicted}: ${count}`;
      const open = (): void => {
        for (const selected of table.querySelectorAll('td.selected')) selected.classList.remove('selected');
        cell.classList.add('selected');
        showCell(thumbs, evaluation, label, predicted);
      };
      cell.addEventListener('click', open);
      cell.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); } });
      tr.append(cell);
    });
    body.append(tr);
  });
  const thead = document.createElement('thead');
  thead.append(head);
  table.append(caption, thead, body);
  const scroller = document.createElement('div');
  scroller.className = 'scroll-x';
  scroller.append(table);
  wrapper.append(scroller, thumbs);
  return wrapper;
}

function showCell(container: HTMLElement, evaluation: Classification, label: number, predicted: number): void {
  const members = cellMembers(evaluation, label, predicted);
  const withInput = members.filter((i) => evaluation.examples[String(i)] !== undefined);
  const heading = document.createElement('p');
  const name = (k: number): string => evaluation.classNames[k] ?? String(k);
  heading.textContent = `true ${name(label)}, predicted ${name(predicted)}: ${members.length} example${members.length === 1 ? '' : 's'}`
    + (withInput.length < members.length ? ` (first ${withInput.length} shown)` : '');
  const grid = document.createElement('div');
  grid.className = 'thumbnails';
  grid.append(...withInput.map((index) => thumbnail(evaluation.examples[String(index)], index, `#${index}`)));
  container.replaceChildren(heading, grid);
}

function headerCell(text: string, scope: 'row' | 'col'): HTMLTableCellElement {
  const cell = document.createElement('th');
  cell.scope = scope;
  cell.textContent = text;
  return cell;
}
