// The evaluation of a segmentation model: IoU per class and pixel accuracy, then input | true mask | predicted mask
// with the IoU of each of the first validation examples.
import type { Evaluation } from '../protocol';
import { formatMetric } from '../ui/format';
import { decodeBase64, imageCanvas } from './thumbnails';

type Segmentation = Extract<Evaluation, { task: 'segmentation' }>;

/** Class indices → grey levels spread over 0–255 (background black), `[h, w, 1]`. */
function maskPixels(classes: Uint8Array, classCount: number): Uint8Array {
  const step = 255 / Math.max(1, classCount - 1);
  return Uint8Array.from(classes, (k) => Math.round(k * step));
}

export function segmentationView(evaluation: Segmentation): HTMLElement[] {
  const summary = document.createElement('p');
  summary.className = 'evaluation-summary';
  summary.textContent = `pixel accuracy ${formatMetric(evaluation.pixelAccuracy)} · IoU `
    + evaluation.iou.map((v, k) => `${evaluation.classNames[k] ?? k} ${formatMetric(v)}`).join(', ');
  const table = document.createElement('table');
  table.className = 'masks';
  const head = document.createElement('tr');
  for (const text of ['input', 'true mask', 'predicted mask', 'IoU']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    head.append(th);
  }
  const [height, width] = evaluation.maskShape;
  const classes = evaluation.classNames.length;
  const rows = evaluation.masks.map((mask) => {
    const tr = document.createElement('tr');
    tr.dataset.index = String(mask.index);
    const cell = (child: HTMLElement | string): HTMLTableCellElement => {
      const td = document.createElement('td');
      td.append(child);
      return td;
    };
    const input = mask.input.kind === 'image' ? imageCanvas(mask.input.shape, decodeBase64(mask.input.pixels), `input ${mask.index}`) : '–';
    tr.append(cell(input),
      cell(imageCanvas([height, width, 1], maskPixels(decodeBase64(mask.truth), classes), `true mask ${mask.index}`)),
      cell(imageCanvas([height, width, 1], maskPixels(decodeBase64(mask.predicted), classes), `predicted mask ${mask.index}`)),
      cell(formatMetric(mask.iou)));
    return tr;
  });
  const thead = document.createElement('thead');
  thead.append(head);
  const body = document.createElement('tbody');
  body.append(...rows);
  table.append(thead, body);
  return [summary, table];
}
