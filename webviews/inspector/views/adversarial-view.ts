// The Adversarial view: an ε slider that re-runs the attack live ("latest wins": a drag cancels the request still
// running), original | perturbation (amplified, diverging) | adversarial, predictions before and after with the flip
// highlighted, ‖δ‖∞, attack and target pickers, Grad-CAM before | after on one scale (ui/adversarial-gradcam.ts); below, robust accuracy against ε over N validation examples with the
// stored curves of other runs overlaid and the sanity checks in plain words, and the transfer matrix between runs.
import '../adversarial.css';
import type { AttackAnswer, AttackKind, StoredCurve } from '../adversarial-protocol';
import type { InspectorViewId } from '../protocol';
import { GradCamPair, argmaxClass as argmax } from '../ui/adversarial-gradcam';
import { drawImage, drawPerturbation, imageDims } from '../ui/adversarial-images';
import { themeColourMaps } from '../ui/colour-map';
import { drawRobustnessChart, type ChartCurve } from '../ui/robustness-chart';
import { computeTransferMatrix, type TransferRun } from '../ui/transfer-matrix';
import type { InspectorView, Selection, ViewContext } from './view';

const PGD_STEPS = 10;
const ROBUSTNESS_TIMEOUT_MS = 60 * 60 * 1000;
const SANITY_NOTE = 'Checks: accuracy at ε = 0 equals clean accuracy; ‖δ‖∞ ≤ ε for every example; a PGD curve does not rise with ε.';

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] => {
  const created = document.createElement(tag);
  created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
};
const percent = (p: number): string => `${(p * 100).toFixed(1)}%`;

export class AdversarialView implements InspectorView {
  readonly id: InspectorViewId = 'adversarial';
  readonly label = 'Adversarial';
  private context: ViewContext | undefined;
  private selection: Selection | undefined;
  private drawing: Promise<void> = Promise.resolve();
  private last: AttackAnswer | undefined;
  private stored: readonly StoredCurve[] = [];
  private runs: readonly TransferRun[] = [];
  private own: ChartCurve | undefined;
  /** The last curve computed through an input transform, drawn beside the plain one (what the transform recovers). */
  private transformed: ChartCurve | undefined;
  private busy: AbortController | undefined;
  private gradCam: GradCamPair | undefined;
  private readonly attack = element('select', 'attack-picker');
  private readonly slider = element('input', 'epsilon-slider');
  private readonly epsilonText = element('span', 'epsilon-value');
  private readonly target = element('select', 'target-picker');
  private readonly original = element('canvas', 'adv-original');
  private readonly perturbation = element('canvas', 'adv-perturbation');
  private readonly adversarial = element('canvas', 'adv-adversarial');
  private readonly summary = element('p', 'adv-summary');
  private readonly predictions = element('table', 'adv-predictions');
  private readonly note = element('p', 'adv-note');
  private readonly epsilons = element('input', 'robustness-epsilons');
  private readonly samples = element('input', 'robustness-samples');
  private readonly transform = element('select', 'robustness-transform');
  private readonly compute = element('button', 'compute-robustness', 'Compute robust accuracy');
  private readonly cancel = element('button', 'cancel-robustness', 'Cancel');
  private readonly chart = element('div', 'robustness-chart');
  private readonly sanity = element('ul', 'sanity');
  private readonly transferRuns = element('div', 'transfer-runs');
  private readonly computeTransfer = element('button', 'compute-transfer', 'Compute transfer matrix');
  private readonly matrix = element('table', 'transfer-matrix');

  mount(host: HTMLElement, context: ViewContext): void {
    this.context = context;
    const gradCam = new GradCamPair(context.request, () => this.refresh());
    this.gradCam = gradCam;
    for (const [value, text] of [['fgsm', 'FGSM'], ['pgd', `PGD-${PGD_STEPS}`]] as const) this.attack.append(new Option(text, value));
    Object.assign(this.slider, { type: 'range', min: '0', max: '0.3', step: '0.005', value: '0.1' });
    this.slider.setAttribute('aria-label', 'ε (L∞ budget)');
    Object.assign(this.epsilons, { type: 'text', value: '0,0.05,0.1,0.2' });
    Object.assign(this.samples, { type: 'number', min: '1', value: '500' });
    this.epsilons.setAttribute('aria-label', 'ε values');
    this.samples.setAttribute('aria-label', 'validation examples');
    this.cancel.disabled = true;
    for (const [value, text] of [['', 'none'], ['bits', 'bit depth 3'], ['median', 'median 3×3']] as const) this.transform.append(new Option(text, value));
    const label = (text: string, control: HTMLElement): HTMLLabelElement => {
      const wrapper = element('label', 'control', text);
      wrapper.append(control);
      return wrapper;
    };
    const figure = (canvas: HTMLCanvasElement, caption: string): HTMLElement => {
      const wrapper = element('figure', 'adv-figure');
      wrapper.append(canvas, element('figcaption', '', caption));
      return wrapper;
    };
    const controls = element('div', 'adv-controls');
    controls.append(label('Attack ', this.attack), label('ε ', this.slider), this.epsilonText, label('Target ', this.target), gradCam.controls);
    const images = element('div', 'adv-images');
    images.append(figure(this.original, 'original'), figure(this.perturbation, 'perturbation (±ε, amplified)'), figure(this.adversarial, 'adversarial'), gradCam.before, gradCam.after);
    const robustness = element('section', 'adv-robustness');
    const row = element('div', 'adv-controls');
    row.append(label('ε ', this.epsilons), label('examples ', this.samples), label('input transform ', this.transform), this.compute, this.cancel);
    robustness.append(element('h2', '', 'Robust accuracy against ε'), row, this.chart, this.sanity, element('p', 'adv-note', SANITY_NOTE));
    const transfer = element('section', 'adv-transfer');
    transfer.append(element('h2', '', 'Black-box transfer (success rate at the slider\'s ε)'), this.transferRuns, this.computeTransfer, this.matrix);
    host.replaceChildren(controls, images, this.summary, this.predictions, this.note, robustness, transfer);
    host.classList.add('adversarial-view');
    this.slider.addEventListener('input', () => this.refresh());
    this.attack.addEventListener('change', () => this.refresh());
    this.target.addEventListener('change', () => this.refresh());
    this.compute.addEventListener('click', () => this.computeRobustness());
    this.cancel.addEventListener('click', () => this.busy?.abort());
    this.computeTransfer.addEventListener('click', () => this.computeMatrix());
  }

  show(selection: Selection): void {
    const runChanged = selection.key.runDir !== this.selection?.key.runDir || selection.key.epoch !== this.selection.key.epoch;
    this.selection = selection;
    if (runChanged) {
      const classes = selection.session.classNames;
      this.target.replaceChildren(new Option('untargeted', ''), ...classes.map((name, i) => new Option(`${i}${name !== String(i) ? ` (${name})` : ''}`, String(i))));
      this.samples.value = String(Math.min(500, selection.session.validationCount));
      this.own = undefined;
      this.transformed = undefined;
      void this.loadCurves();
    }
    this.refresh();
  }

  highlightLayer(): void { /* the Adversarial view shows no layers */ }

  themeChanged(): void {
    if (this.last) this.draw(this.last);
    this.gradCam?.redraw();
    this.redrawChart();
  }

  settled(): Promise<void> { return this.drawing; }

  layerState(): { id: string; canvases: number; highlighted: boolean }[] { return []; }

  private get epsilon(): number { return Number(this.slider.value); }

  private refresh(): void {
    const selection = this.selection;
    const context = this.context;
    this.epsilonText.textContent = this.slider.value;
    if (!selection || !context) return;
    if (selection.session.task !== 'classification') {
      this.note.textContent = 'Attacks need a classification run.';
      return;
    }
    const target = this.target.value === '' ? null : Number(this.target.value);
    const attack = this.attack.value as AttackKind;
    this.drawing = context.request('attack', {
      ...selection.key, input: selection.input, attack, epsilon: this.epsilon, target, ...(attack === 'pgd' ? { steps: PGD_STEPS } : {}),
    }, { latestWins: 'adversarial-attack' }).then((answer) => {
      this.draw(answer);
      const spatial = selection.session.layers.some((layer) => layer.outputShape.length === 3);
      if (imageDims(answer.input) && spatial) return this.gradCam?.update(selection.key, selection.input, answer);
      this.gradCam?.clear('Grad-CAM needs an image input and a layer with a spatial output.');
      return undefined;
    }, (error: unknown) => {
      if (String(error).includes('cancelled')) return;
      context.showError(error instanceof Error ? error.message : String(error));
    });
  }

  private draw(answer: AttackAnswer): void {
    this.last = answer;
    const colours = themeColourMaps(this.original);
    const isImage = imageDims(answer.input) !== undefined;
    if (isImage) {
      drawImage(this.original, answer.input, answer.clip);
      drawPerturbation(this.perturbation, answer.input, answer.adversarial, answer.epsilon, colours.diverging);
      drawImage(this.adversarial, answer.adversarial, answer.clip);
    }
    const classes = this.selection?.session.classNames ?? [];
    const name = (c: number): string => (classes[c] !== undefined && classes[c] !== String(c) ? `${c} (${classes[c]})` : String(c));
    const before = argmax(answer.probsBefore);
    const after = argmax(answer.probsAfter);
    const flipped = before !== after;
    this.summary.replaceChildren(
      element('span', 'linf', `‖δ‖∞ = ${answer.linf.toPrecision(3)} (ε = ${answer.epsilon}, clip [${answer.clip.join(', ')}]) `),
      element('span', flipped ? 'flip' : 'no-flip', flipped ? `Label flipped: ${name(before)} → ${name(after)}` : `Still ${name(after)}`),
      element('span', 'adv-label', answer.target === null ? ` · moving away from ${name(answer.label)}` : ` · moving towards ${name(answer.target)}`),
    );
    const head = this.predictions.createTHead();
    head.replaceChildren();
    const headRow = head.insertRow();
    for (const text of ['class', 'before', 'after']) headRow.append(element('th', '', text));
    const body = element('tbody', '');
    const probs = (p: Float32Array, c: number): number => (p.length === 1 ? (c === 1 ? p[0] ?? 0 : 1 - (p[0] ?? 0)) : p[c] ?? 0);
    for (let c = 0; c < Math.max(2, answer.probsBefore.length); c++) {
      const tr = body.insertRow();
      tr.dataset['class'] = String(c);
      tr.classList.toggle('predicted-before', c === before);
      tr.classList.toggle('predicted-after', c === after);
      tr.append(element('td', '', name(c) + (c === answer.trueLabel ? ' ✓' : '')), element('td', 'prob-before', percent(probs(answer.probsBefore, c))),
        element('td', 'prob-after', percent(probs(answer.probsAfter, c))));
    }
    this.predictions.tBodies[0]?.remove();
    this.predictions.append(body);
    this.note.textContent = isImage ? '' : 'The input is not an image: see the probabilities.';
  }

  private async loadCurves(): Promise<void> {
    const selection = this.selection;
    if (!selection || !this.context) return;
    try {
      const answer = await this.context.request('robustnessCurves', { runDir: selection.key.runDir });
      this.stored = answer.curves;
      this.runs = answer.runs;
      this.transferRuns.replaceChildren(...answer.runs.map((run, i) => {
        const box = element('input', 'transfer-run');
        Object.assign(box, { type: 'checkbox', checked: i < 3 && (run.runDir === selection.key.runDir || i < 2), value: run.runDir });
        const wrapper = element('label', 'control', ` ${run.runId}`);
        wrapper.prepend(box);
        return wrapper;
      }));
      this.redrawChart();
    } catch (error) {
      this.context.showError(error instanceof Error ? error.message : String(error));
    }
  }

  private redrawChart(): void {
    const runDir = this.selection?.key.runDir;
    const runId = (dir: string): string => this.runs.find((run) => run.runDir === dir)?.runId ?? dir;
    const others = this.stored.filter((curve) => !(this.own && curve.runDir === runDir && curve.attack === this.attack.value));
    const curves: ChartCurve[] = [
      ...(this.own ? [this.own] : []), ...(this.transformed ? [this.transformed] : []),
      ...others.map((curve) => ({ label: `${runId(curve.runDir)} · ${curve.attack} (${curve.samples} examples)`, epsilons: curve.epsilons, accuracy: curve.accuracy, own: curve.runDir === runDir })),
    ];
    this.chart.dataset['curves'] = String(drawRobustnessChart(this.chart, curves));
  }

  private computeRobustness(): void {
    const selection = this.selection;
    const context = this.context;
    if (!selection || !context) return;
    const epsilons = this.epsilons.value.split(',').map(Number);
    if (epsilons.some((e) => !Number.isFinite(e) || e < 0)) { context.showError('ε values must be numbers ≥ 0, separated by commas'); return; }
    const attack = this.attack.value as AttackKind;
    const transform = this.transform.value === 'bits' ? { bitDepth: 3 } : this.transform.value === 'median' ? { median: 3 } : undefined;
    const busy = this.startBusy();
    void context.request('robustness', {
      ...selection.key, attack, epsilons, samples: Math.max(1, Number(this.samples.value) || 500), ...(attack === 'pgd' ? { steps: PGD_STEPS } : {}),
      ...(transform ? { transform } : {}),
    }, { timeoutMs: ROBUSTNESS_TIMEOUT_MS, signal: busy.signal }).then((answer) => {
      const through = transform ? `, through ${this.transform.selectedOptions[0]?.text ?? ''}` : '';
      const curve = { label: `this run · ${attack}${through} (${answer.samples} examples, clean ${percent(answer.cleanAccuracy)})`, epsilons: answer.epsilons, accuracy: answer.accuracy, own: true };
      if (transform) this.transformed = curve;
      else this.own = curve;
      this.sanity.replaceChildren(...(answer.findings.length > 0
        ? answer.findings.map((finding) => element('li', 'sanity-failed', finding.message))
        : [element('li', 'sanity-passed', 'All sanity checks passed.')]),
      ...(transform ? [element('li', 'sanity-passed', 'Input transforms show what preprocessing undoes; they are not a real defence: an attacker who knows them attacks through them.')] : []));
      return this.loadCurves();
    }, (error: unknown) => context.showError(error instanceof Error ? error.message : String(error))).finally(() => this.endBusy(busy));
  }

  private computeMatrix(): void {
    const context = this.context;
    if (!context) return;
    const chosen = new Set([...this.transferRuns.querySelectorAll<HTMLInputElement>('input.transfer-run')].filter((box) => box.checked).map((box) => box.value));
    const runs = this.runs.filter((run) => chosen.has(run.runDir));
    if (runs.length < 2) { context.showError('Choose at least two runs for the transfer matrix.'); return; }
    const busy = this.startBusy();
    this.matrix.replaceChildren();
    void computeTransferMatrix(this.matrix, runs, this.attack.value as AttackKind, this.epsilon, 200,
      (ask, signal) => context.request('robustness', ask, { timeoutMs: ROBUSTNESS_TIMEOUT_MS, signal }), busy.signal)
      .catch((error: unknown) => context.showError(error instanceof Error ? error.message : String(error)))
      .finally(() => this.endBusy(busy));
  }

  private startBusy(): AbortController {
    this.busy?.abort();
    const controller = new AbortController();
    this.busy = controller;
    this.compute.disabled = true;
    this.computeTransfer.disabled = true;
    this.cancel.disabled = false;
    return controller;
  }

  private endBusy(controller: AbortController): void {
    if (this.busy !== controller) return;
    this.busy = undefined;
    this.compute.disabled = false;
    this.computeTransfer.disabled = false;
    this.cancel.disabled = true;
  }
}
