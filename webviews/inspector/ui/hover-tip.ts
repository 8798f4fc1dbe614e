/** One floating line beside the element under the pointer (channel statistics); quicker than a `title` tooltip. */
export class HoverTip {
  private readonly element: HTMLElement;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'hover-tip';
    this.element.setAttribute('role', 'tooltip');
    this.element.hidden = true;
    document.body.append(this.element);
    // The pointer stays put while the page scrolls under it: a line about another channel would be wrong.
    window.addEventListener('scroll', () => { this.element.hidden = true; }, { passive: true });
  }

  /** Shows `text` below `anchor`; undefined hides it. */
  show(text: string | undefined, anchor: HTMLElement): void {
    if (text === undefined) { this.element.hidden = true; return; }
    const box = anchor.getBoundingClientRect();
    this.element.textContent = text;
    this.element.hidden = false;
    const left = Math.min(window.innerWidth - this.element.offsetWidth - 8, Math.max(4, box.left));
    this.element.style.left = `${left + window.scrollX}px`;
    this.element.style.top = `${box.bottom + window.scrollY + 4}px`;
  }
}
