// The input picker shared by every view: a validation example from a grid of thumbnails (true → predicted label,
// "misclassified only"), an image file from the workspace, or — for 28×28×1 models — a digit drawn with the mouse.
import { button, checkbox } from '../../shared/toolkit';
import type { ExampleThumb, InputChoice, InspectorSession } from '../protocol';
import type { HostRequest } from '../views/view';
import { DigitPad } from './digit-pad';
import { drawInput } from './input-image';

const PAGE = 40;

export interface InputPickerEvents {
  onInput(input: InputChoice): void;
  onMisclassifiedOnly(on: boolean): void;
  showError(message: string): void;
}

export class InputPicker {
  private readonly grid: HTMLElement;
  private readonly pager: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly pad: DigitPad;
  private readonly drawButton: HTMLElement;
  private session: InspectorSession | undefined;
  private key: { runDir: string; epoch: number | null } | undefined;
  private start = 0;
  private total = 0;
  private selected: InputChoice | undefined;
  private loading: Promise<void> = Promise.resolve();

  constructor(host: HTMLElement, private readonly request: HostRequest, private readonly events: InputPickerEvents,
    private misclassifiedOnly: boolean) {
    const bar = document.createElement('div');
    bar.className = 'input-bar';
    this.summary = document.createElement('span');
    this.summary.className = 'input-summary';
    this.drawButton = button('Draw a digit', () => this.pad.toggle(), { secondary: true, title: 'Draw the input with the mouse (28×28 grey models)' });
    bar.append(
      checkbox('Misclassified only', misclassifiedOnly, (on) => {
        this.misclassifiedOnly = on;
        this.events.onMisclassifiedOnly(on);
        this.start = 0;
        void this.loadPage();
      }),
      button('Image file…', () => void this.pickImage(), { secondary: true, title: 'A PNG or JPEG of the model\'s input size' }),
      this.drawButton, this.summary);
    this.pad = new DigitPad((tensor) => this.choose({ kind: 'tensor', tensor, source: 'drawn digit' }));
    this.grid = document.createElement('div');
    this.grid.className = 'thumbs';
    this.grid.setAttribute('role', 'listbox');
    this.grid.setAttribute('aria-label', 'Validation examples');
    this.pager = document.createElement('div');
    this.pager.className = 'pager';
    host.replaceChildren(bar, this.pad.element, this.grid, this.pager);
  }

  /** A run (or epoch) was opened: predictions may differ, so the grid is fetched again. */
  setSession(session: InspectorSession, key: { runDir: string; epoch: number | null }, input: InputChoice): void {
    const drawable = session.inputShape.join('×') === '28×28×1';
    this.drawButton.hidden = !drawable;
    if (!drawable) this.pad.hide();
    this.session = session;
    this.key = key;
    this.selected = input;
    if (input.kind === 'example' && (input.index < this.start || input.index >= this.start + PAGE) && !this.misclassifiedOnly) {
      this.start = Math.floor(input.index / PAGE) * PAGE;
    }
    void this.loadPage();
  }

  /** Resolves once the current page of thumbnails is drawn. */
  settled(): Promise<void> { return this.loading; }

  /** Describes the prediction for the chosen input (after feature maps came back). */
  describe(text: string): void { this.summary.textContent = text; }

  private choose(input: InputChoice): void {
    this.selected = input;
    for (const thumb of this.grid.querySelectorAll<HTMLElement>('.thumb')) {
      thumb.setAttribute('aria-selected', String(input.kind === 'example' && thumb.dataset['index'] === String(input.index)));
    }
    this.events.onInput(input);
  }

  private loadPage(): Promise<void> {
    const session = this.session;
    const key = this.key;
    if (!session || !key) return this.loading;
    this.loading = this.request('examples', { ...key, start: this.start, count: PAGE, misclassifiedOnly: this.misclassifiedOnly },
      { latestWins: 'examples', timeoutMs: 120_000 })
      .then(({ total, examples }) => { this.total = total; this.renderPage(session, examples); })
      .catch((error: unknown) => {
        if (error instanceof Error && error.message === 'cancelled') return;
        this.events.showError(error instanceof Error ? error.message : String(error));
      });
    return this.loading;
  }

  private renderPage(session: InspectorSession, examples: readonly ExampleThumb[]): void {
    this.grid.replaceChildren(...examples.map((example) => {
      const thumb = document.createElement('button');
      thumb.className = 'thumb';
      thumb.dataset['index'] = String(example.index);
      thumb.setAttribute('role', 'option');
      const selected = this.selected?.kind === 'example' && this.selected.index === example.index;
      thumb.setAttribute('aria-selected', String(selected));
      const wrong = example.label !== null && example.predicted !== null && example.label !== example.predicted;
      if (wrong) thumb.classList.add('misclassified');
      const name = (c: number | null) => (c === null ? '' : session.classNames[c] ?? String(c));
      const caption = document.createElement('span');
      caption.textContent = example.label === null ? `#${example.index}` : `${name(example.label)} → ${name(example.predicted)}`;
      thumb.title = `Validation example ${example.index}` + (example.label === null ? ''
        : `: true ${name(example.label)}, predicted ${name(example.predicted)} (${((example.confidence ?? 0) * 100).toFixed(0)}%)`);
      thumb.append(drawInput(example.input, 40), caption);
      thumb.addEventListener('click', () => this.choose({ kind: 'example', index: example.index }));
      return thumb;
    }));
    const from = this.total === 0 ? 0 : this.start + 1;
    const to = Math.min(this.total, this.start + PAGE);
    const status = document.createElement('span');
    status.textContent = this.total === 0
      ? (this.misclassifiedOnly ? 'No misclassified examples' : 'No validation examples')
      : `${from}–${to} of ${this.total}${this.misclassifiedOnly ? ' misclassified' : ''}`;
    const previous = button('Previous', () => { this.start = Math.max(0, this.start - PAGE); void this.loadPage(); }, { secondary: true });
    const next = button('Next', () => { this.start += PAGE; void this.loadPage(); }, { secondary: true });
    previous.toggleAttribute('disabled', this.start === 0);
    next.toggleAttribute('disabled', to >= this.total);
    this.pager.replaceChildren(previous, status, next);
  }

  private async pickImage(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      const picked = await this.request('pickImage', { inputShape: session.inputShape }, { timeoutMs: 10 * 60_000 });
      if (picked) this.choose({ kind: 'tensor', tensor: picked.tensor, source: picked.source });
    } catch (error) {
      this.events.showError(error instanceof Error ? error.message : String(error));
    }
  }
}

