// The Explain view's activation maximization: which image raises a class's pre-softmax logit, or one channel of a
// layer, the most? Target, steps and seed are picked here; Run asks the runtime (a newer run cancels an older one
// still going, "latest wins"; Cancel stops it), a progress bar follows its steps, and the answer is shown as the
// image's evolution: a filmstrip of snapshots and the objective against the step.
import { button, dropdown } from '../../shared/toolkit';
import type { InspectorLayer, InspectorSession, SessionKey } from '../protocol';
import { drawInput } from '../ui/input-image';
import type { HostRequest } from '../views/view';
import type { MaximizeAnswer, MaximizeGoal } from './explain-protocol';
import { labelled } from './explain-settings';
import { drawScoreCurve } from './score-curve';

const SNAPSHOT_SIZE = 84;
const MAXIMIZE_TIMEOUT_MS = 30 * 60 * 1000;

function numberInput(className: string, ariaLabel: string, value: number, min: number, max: number): HTMLInputElement {
  const input = document.createElement('input');
  Object.assign(input, { type: 'number', className: `range-input ${className}`, min: String(min), max: String(max), step: '1', value: String(value) });
  input.setAttribute('aria-label', ariaLabel);
  return input;
}

/** A whole number in [min, max] from an input, or undefined. */
function wholeValue(input: HTMLInputElement, min: number, max: number): number | undefined {
  const value = Number(input.value);
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

export class MaximizeSection {
  readonly element = document.createElement('section');
  private readonly controls = document.createElement('div');
  private readonly targetHost = document.createElement('span');
  private readonly steps = numberInput('maximize-steps', 'Gradient-ascent steps', 100, 1, 10_000);
  private readonly seed = numberInput('maximize-seed', 'Seed', 0, 0, 2 ** 31 - 1);
  private readonly cancelButton = button('Cancel', () => this.running?.abort(), { secondary: true, title: 'Stop this run' });
  private readonly progress = document.createElement('progress');
  private readonly status = document.createElement('p');
  private readonly filmstrip = document.createElement('div');
  private readonly curve = document.createElement('canvas');
  private kind: 'class' | 'channel' = 'class';
  private classIndex = 0;
  private layerId = '';
  private readonly channel = numberInput('maximize-channel', 'Channel', 0, 0, 0);
  private session: InspectorSession | undefined;
  private key: SessionKey | undefined;
  private running: AbortController | undefined;
  private answer: MaximizeAnswer | undefined;
  private runningPromise: Promise<void> = Promise.resolve();

  constructor(private readonly request: HostRequest) {
    this.element.className = 'explain-maximize';
    const heading = document.createElement('h3');
    heading.textContent = 'Activation maximization: the input that raises a class or a channel most';
    this.controls.className = 'view-toolbar maximize-toolbar';
    this.progress.className = 'maximize-progress';
    this.progress.hidden = true;
    this.status.className = 'maximize-status';
    this.status.setAttribute('role', 'status');
    this.filmstrip.className = 'maximize-filmstrip';
    this.curve.className = 'maximize-score';
    this.curve.setAttribute('role', 'img');
    this.curve.setAttribute('aria-label', 'Objective against the step');
    this.cancelButton.classList.add('maximize-cancel');
    this.cancelButton.setAttribute('disabled', '');
    const run = button('Run', () => this.run(), { title: 'Gradient ascent on the input from seeded noise' });
    run.classList.add('maximize-run');
    const kind = dropdown([{ value: 'class', label: 'a class logit' }, { value: 'channel', label: 'a layer channel' }], this.kind,
      (value) => { this.kind = value === 'channel' ? 'channel' : 'class'; this.buildTarget(); }, 'Maximize');
    this.controls.append(labelled('Maximize', kind), this.targetHost, labelled('Steps', this.steps), labelled('Seed', this.seed), run, this.cancelButton, this.progress);
    const results = document.createElement('div');
    results.className = 'maximize-results';
    results.append(this.filmstrip, this.curve);
    this.element.append(heading, this.controls, this.status, results);
  }

  /** The run or epoch changed: new pickers; an older answer no longer applies. `suggested`: the class explained above. */
  setSession(key: SessionKey, session: InspectorSession, suggested: number | undefined): void {
    const changed = this.key?.runDir !== key.runDir || this.key.epoch !== key.epoch || this.session !== session;
    this.key = key;
    this.session = session;
    if (!changed) return;
    this.running?.abort();
    this.answer = undefined;
    this.filmstrip.replaceChildren();
    this.curve.getContext('2d')?.clearRect(0, 0, this.curve.width, this.curve.height);
    this.status.textContent = '';
    if (suggested !== undefined) this.classIndex = suggested;
    if (this.classIndex >= session.classNames.length) this.classIndex = 0;
    if (!session.layers.some((l) => l.id === this.layerId)) this.layerId = session.layers.find((l) => l.outputShape.length === 3)?.id ?? session.layers[0]?.id ?? '';
    this.buildTarget();
  }

  /** The class explained above changed: offer it here too, unless a run is going. */
  suggestClass(classIndex: number): void {
    if (this.running || classIndex === this.classIndex) return;
    this.classIndex = classIndex;
    if (this.kind === 'class') this.buildTarget();
  }

  /** `done` of `total` steps of the running request. */
  showProgress(done: number, total: number): void {
    if (!this.running) return;
    this.progress.max = total;
    this.progress.value = done;
    this.status.textContent = `Step ${done} of ${total}…`;
  }

  themeChanged(): void {
    if (this.answer) drawScoreCurve(this.curve, this.answer.score, this.answer.snapshots.map((s) => s.step));
  }

  /** Resolves once the running request (if any) has been drawn or has failed. */
  settled(): Promise<void> { return this.runningPromise; }

  private layer(): InspectorLayer | undefined {
    return this.session?.layers.find((l) => l.id === this.layerId);
  }

  private buildTarget(): void {
    const session = this.session;
    if (!session) return;
    if (this.kind === 'class') {
      const classes = dropdown(session.classNames.map((name, i) => ({ value: String(i), label: name === String(i) ? name : `${i} (${name})` })),
        String(this.classIndex), (value) => { this.classIndex = Number(value); }, 'Class');
      classes.classList.add('maximize-class');
      this.targetHost.replaceChildren(labelled('Class', classes));
      return;
    }
    const layers = dropdown(session.layers.map((l) => ({ value: l.id, label: `${l.id} [${l.outputShape.join('×')}]` })), this.layerId,
      (value) => { this.layerId = value; this.limitChannel(); }, 'Layer to maximize');
    layers.classList.add('maximize-layer');
    this.limitChannel();
    this.targetHost.replaceChildren(labelled('Layer', layers), labelled('Channel', this.channel));
  }

  private limitChannel(): void {
    const channels = this.layer()?.outputShape.at(-1) ?? 1;
    this.channel.max = String(channels - 1);
    if (Number(this.channel.value) > channels - 1) this.channel.value = '0';
  }

  private goal(): MaximizeGoal | string {
    if (this.kind === 'class') return { classIndex: this.classIndex };
    const channels = this.layer()?.outputShape.at(-1) ?? 0;
    const channel = wholeValue(this.channel, 0, channels - 1);
    return channel === undefined ? `Channel must be a whole number from 0 to ${channels - 1} (layer ${this.layerId} has ${channels}).` : { layerId: this.layerId, channel };
  }

  private run(): void {
    const key = this.key;
    if (!key || !this.session) return;
    const goal = this.goal();
    const steps = wholeValue(this.steps, 1, 10_000);
    const seed = wholeValue(this.seed, 0, 2 ** 31 - 1);
    const problem = typeof goal === 'string' ? goal : steps === undefined ? 'Steps must be a whole number from 1 to 10000.'
      : seed === undefined ? 'Seed must be a whole number ≥ 0.' : undefined;
    if (problem !== undefined || typeof goal === 'string' || steps === undefined || seed === undefined) {
      this.status.textContent = problem ?? '';
      return;
    }
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    this.cancelButton.removeAttribute('disabled');
    this.progress.hidden = false;
    this.progress.max = steps;
    this.progress.value = 0;
    this.status.textContent = `Step 0 of ${steps}…`;
    this.runningPromise = this.request('maximize', { ...key, target: goal, steps, seed },
      { signal: controller.signal, timeoutMs: MAXIMIZE_TIMEOUT_MS, latestWins: 'maximize' }).then((answer) => {
      if (controller.signal.aborted) return;
      this.answer = answer;
      this.draw(answer, key, goal);
    }, (error: unknown) => {
      if (this.running !== controller && controller.signal.aborted) return; // replaced by a newer run
      const message = error instanceof Error ? error.message : String(error);
      this.status.textContent = message === 'cancelled' ? 'Cancelled.' : message;
    }).finally(() => {
      if (this.running !== controller) return;
      this.running = undefined;
      this.cancelButton.setAttribute('disabled', '');
      this.progress.hidden = true;
    });
  }

  private draw(answer: MaximizeAnswer, key: SessionKey, goal: MaximizeGoal): void {
    const shape = answer.image.shape;
    this.filmstrip.replaceChildren(...answer.snapshots.map((snapshot) => {
      const figure = document.createElement('figure');
      figure.className = 'maximize-snapshot';
      figure.dataset['step'] = String(snapshot.step);
      const caption = document.createElement('figcaption');
      caption.textContent = `step ${snapshot.step}`;
      figure.append(drawInput({ shape, data: snapshot.data }, SNAPSHOT_SIZE), caption);
      return figure;
    }));
    drawScoreCurve(this.curve, answer.score, answer.snapshots.map((s) => s.step));
    const names = this.session?.classNames ?? [];
    const what = 'classIndex' in goal ? `class ${names[goal.classIndex] ?? goal.classIndex} (pre-softmax logit)` : `channel ${goal.channel} of ${goal.layerId} (mean)`;
    const first = answer.score[0] ?? NaN;
    const last = answer.score[answer.score.length - 1] ?? NaN;
    const epoch = key.epoch === null ? 'final model' : `epoch ${key.epoch}`;
    this.status.textContent = `${what}, ${epoch}, seed ${answer.seed}: ${first.toPrecision(4)} → ${last.toPrecision(4)} over ${answer.score.length} steps.`;
  }
}
