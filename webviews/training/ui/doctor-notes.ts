// The training doctor's findings for the newest run, above the runs list: a plain-words title, the why, a button
// for the one-click fix and links for further reading. Model-file names are only ever set as text.
import type { DoctorFixView, RunSummary } from '../protocol';
import { button } from '../../shared/toolkit';

export class DoctorNotes {
  private readonly element = document.createElement('section');

  constructor(container: HTMLElement, private readonly onFix: (fix: DoctorFixView) => void) {
    this.element.className = 'doctor';
    this.element.setAttribute('aria-label', 'Training doctor');
    this.element.hidden = true;
    container.append(this.element);
  }

  /** Shows the newest run's diagnoses once it has ended (nothing while it trains). */
  render(runs: readonly RunSummary[]): void {
    const newest = runs[0];
    const notes = newest && !newest.live ? newest.diagnoses ?? [] : [];
    // The runs list is refreshed every second while a run trains: touch the page only when the notes changed.
    const key = JSON.stringify([newest?.runId ?? '', notes]);
    if (this.element.dataset.key === key) return;
    this.element.dataset.key = key;
    this.element.replaceChildren();
    this.element.hidden = notes.length === 0;
    this.element.dataset.runId = newest?.runId ?? '';
    for (const note of notes) {
      const item = document.createElement('div');
      item.className = 'doctor-note';
      item.dataset.kind = note.kind;
      const title = document.createElement('strong');
      title.textContent = note.title;
      const detail = document.createElement('p');
      detail.textContent = note.detail;
      item.append(title, detail);
      const actions = document.createElement('div');
      actions.className = 'doctor-actions';
      const fix = note.fix;
      if (fix) actions.append(button(fix.title, () => this.onFix(fix), { title: `Edit the model file: ${fix.title}` }));
      for (const link of note.links ?? []) {
        const anchor = document.createElement('a');
        anchor.href = link.url;
        anchor.textContent = link.label;
        actions.append(anchor);
      }
      if (actions.childElementCount > 0) item.append(actions);
      this.element.append(item);
    }
  }
}
