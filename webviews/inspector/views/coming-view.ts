// A named tab for a view a later issue delivers (Explain: issue 9, Adversarial: issue 10); it shares the pickers.
import type { InspectorViewId } from '../protocol';
import type { InspectorView } from './view';

export class ComingView implements InspectorView {
  constructor(readonly id: InspectorViewId, readonly label: string, private readonly note: string) {}

  mount(host: HTMLElement): void {
    const line = document.createElement('p');
    line.className = 'coming';
    line.textContent = this.note;
    host.replaceChildren(line);
  }

  show(): void { /* nothing to draw yet */ }
  highlightLayer(): void { /* no layers */ }
  themeChanged(): void { /* no colours */ }
  settled(): Promise<void> { return Promise.resolve(); }
  layerState(): { id: string; canvases: number; highlighted: boolean }[] { return []; }
}
