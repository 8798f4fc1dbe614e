// Grad-CAM before and after the attack, side by side in the Adversarial view: the runtime's `explain` (part 2) on the
// clean input and on the adversarial tensor, drawn with the Explain view's overlay. Both maps share one scale (the
// larger of their Captum-style clip thresholds), so equal colours mean equal evidence and the two are comparable.
// Each slider move replaces the pair ("latest wins"); the clean map is fetched once per input and class.
import { CANCELLED } from '../../shared/rpc';
import type { AttackAnswer } from '../adversarial-protocol';
import { applySign, clipThreshold, normalise, sharedScales, VIRIDIS_STOPS } from '../explain/heatmap';
import type { ExplainAnswer } from '../explain/explain-protocol';
import { colourBar, drawOverlay } from '../explain/overlay';
import type { InputChoice, SessionKey, Tensor } from '../protocol';
import type { HostRequest } from '../views/view';
import { lookupTable } from './colour-map';

/** Which class both maps explain: each input's own prediction, or the label the attack moves away from. */
export type GradCamClass = 'predicted' | 'label';

const DISPLAY_SIZE = 112;
const OUTLIER_PERCENT = 2;
const ALPHA = 0.55;

export const argmaxClass = (probs: Float32Array): number => (probs.length === 1 ? ((probs[0] ?? 0) > 0.5 ? 1 : 0) : probs.indexOf(Math.max(...probs)));

/** The classes the before and after maps explain. */
export function gradCamClasses(answer: AttackAnswer, choice: GradCamClass): [number, number] {
  return choice === 'label' ? [answer.label, answer.label] : [argmaxClass(answer.probsBefore), argmaxClass(answer.probsAfter)];
}

interface Drawn { readonly answer: ExplainAnswer; readonly input: Tensor }

export class GradCamPair {
  /** Two figures (before, after) for the view's image row, and the shared colour bar with the class picker. */
  readonly before: HTMLElement = figure('adv-gradcam-figure');
  readonly after: HTMLElement = figure('adv-gradcam-figure');
  readonly controls: HTMLElement = document.createElement('span');
  private readonly picker = document.createElement('select');
  private readonly bar = document.createElement('span');
  private readonly viridis = lookupTable(VIRIDIS_STOPS);
  private generation = 0;
  private clean: { key: string; answer: ExplainAnswer } | undefined;
  private shown: [Drawn, Drawn] | undefined;
  /** The ε of the attack the shown pair belongs to. */
  private epsilon = NaN;

  constructor(private readonly request: HostRequest, changed: () => void) {
    for (const [value, text] of [['predicted', 'predicted class'], ['label', 'the attacked label']] as const) this.picker.append(new Option(text, value));
    this.picker.className = 'gradcam-class';
    this.picker.setAttribute('aria-label', 'Grad-CAM of');
    const label = document.createElement('label');
    label.className = 'control';
    label.append('Grad-CAM of ', this.picker);
    this.bar.className = 'adv-gradcam-scale';
    this.controls.className = 'adv-gradcam-controls';
    this.controls.append(label, this.bar);
    this.picker.addEventListener('change', () => changed());
    this.clear('Grad-CAM: computing…');
  }

  /** Hides the pair (inputs that are not images, or models without a spatial layer). */
  clear(note: string): void {
    this.generation++;
    this.shown = undefined;
    setFigure(this.before, 'Grad-CAM before', note);
    setFigure(this.after, 'Grad-CAM after', '');
    delete this.before.dataset['epsilon'];
    delete this.after.dataset['epsilon'];
    this.bar.replaceChildren();
  }

  /** Explains the clean and the adversarial input of `answer`; resolves once drawn (or superseded). */
  async update(key: SessionKey, input: InputChoice, answer: AttackAnswer): Promise<void> {
    const generation = ++this.generation;
    const [beforeClass, afterClass] = gradCamClasses(answer, this.picker.value === 'label' ? 'label' : 'predicted');
    const cleanKey = JSON.stringify([key.runDir, key.epoch, input.kind === 'example' ? input.index : input.source, beforeClass]);
    const explain = (tensor: Tensor, classIndex: number, which: string): Promise<ExplainAnswer> => this.request('explain', {
      ...key, input: { kind: 'tensor', tensor, source: `adversarial view: ${which}` }, method: 'gradcam', classIndex,
    }, { latestWins: `adversarial-gradcam-${which}`, timeoutMs: 120_000 });
    try {
      const cached = this.clean?.key === cleanKey ? this.clean.answer : undefined;
      const [cleanMap, adversarialMap] = await Promise.all([cached ?? explain(answer.input, beforeClass, 'before'), explain(answer.adversarial, afterClass, 'after')]);
      if (generation !== this.generation) return;
      this.clean = { key: cleanKey, answer: cleanMap };
      this.shown = [{ answer: cleanMap, input: answer.input }, { answer: adversarialMap, input: answer.adversarial }];
      this.epsilon = answer.epsilon;
      this.redraw();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (generation !== this.generation || message === CANCELLED) return;
      this.clear(`Grad-CAM failed: ${message}`);
    }
  }

  /** Draws what was fetched last, both maps on one scale. */
  redraw(): void {
    if (!this.shown) return;
    const shown = this.shown;
    const values = shown.map((pane) => applySign(pane.answer.upsampled.data, 'positive'));
    const scales = sharedScales(values.map((v) => clipThreshold(v, OUTLIER_PERCENT)), 'fixed');
    const scale = scales[0] ?? 0;
    shown.forEach((pane, i) => {
      const host = i === 0 ? this.before : this.after;
      const canvas = drawOverlay(pane.input, normalise(values[i] ?? new Float32Array(), scale), { alpha: ALPHA, table: this.viridis, signed: false }, DISPLAY_SIZE);
      canvas.classList.add(i === 0 ? 'adv-gradcam-before' : 'adv-gradcam-after');
      const caption = `Grad-CAM ${i === 0 ? 'before' : 'after'} · class ${pane.answer.classIndex}${pane.answer.layer ? ` @ ${pane.answer.layer}` : ''}`;
      setFigure(host, caption, pane.answer.warnings.join(' '), canvas);
      host.dataset['epsilon'] = String(this.epsilon);
    });
    this.bar.replaceChildren(colourBar(this.viridis, false, scale));
    this.bar.title = 'One scale for both maps (the larger clip threshold, 2% outliers): equal colours mean equal evidence.';
  }
}

function figure(className: string): HTMLElement {
  const created = document.createElement('figure');
  created.className = `adv-figure ${className}`;
  return created;
}

function setFigure(host: HTMLElement, caption: string, note: string, canvas?: HTMLCanvasElement): void {
  const text = document.createElement('figcaption');
  text.textContent = caption;
  const children: HTMLElement[] = canvas ? [canvas, text] : [text];
  if (note) {
    const line = document.createElement('p');
    line.className = 'adv-note';
    line.textContent = note;
    children.push(line);
  }
  host.replaceChildren(...children);
}
