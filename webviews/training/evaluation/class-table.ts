// Per-class precision, recall, F1 and support; a click on a heading sorts by that column (again: reverse).
import type { Evaluation } from '../protocol';
import { formatMetric } from '../ui/format';

type PerClass = Extract<Evaluation, { task: 'classification' }>['perClass'][number];
type Column = keyof PerClass;

const COLUMNS: readonly Column[] = ['class', 'precision', 'recall', 'f1', 'support'];

export function sortRows(rows: readonly PerClass[], column: Column, descending: boolean): PerClass[] {
  return [...rows].sort((a, b) => {
    const x = a[column];
    const y = b[column];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    return descending ? -order : order;
  });
}

export function classTable(rows: readonly PerClass[]): HTMLElement {
  const table = document.createElement('table');
  table.className = 'per-class';
  const caption = document.createElement('caption');
  caption.textContent = 'Per class (click a heading to sort)';
  const body = document.createElement('tbody');
  let sorted: { column: Column; descending: boolean } = { column: 'class', descending: false };
  const head = document.createElement('tr');
  const render = (): void => {
    body.replaceChildren(...sortRows(rows, sorted.column, sorted.descending).map((row) => {
      const tr = document.createElement('tr');
      for (const column of COLUMNS) {
        const cell = document.createElement('td');
        const value = row[column];
        cell.textContent = typeof value === 'number' && column !== 'support' ? formatMetric(value) : String(value);
        cell.dataset.field = column;
        tr.append(cell);
      }
      return tr;
    }));
    for (const th of head.children) {
      const column = (th as HTMLElement).dataset.column;
      th.setAttribute('aria-sort', column === sorted.column ? (sorted.descending ? 'descending' : 'ascending') : 'none');
    }
  };
  for (const column of COLUMNS) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.dataset.column = column;
    const sortButton = document.createElement('button');
    sortButton.className = 'link';
    sortButton.textContent = column === 'f1' ? 'F1' : column;
    sortButton.addEventListener('click', () => {
      sorted = { column, descending: sorted.column === column ? !sorted.descending : column !== 'class' };
      render();
    });
    th.append(sortButton);
    head.append(th);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  table.append(caption, thead, body);
  render();
  return table;
}
