/**
 * The only module that touches `@vscode/webview-ui-toolkit` (deprecated upstream). Panels create controls through
 * these functions, so swapping the toolkit means rewriting this file alone. Controls are keyboard accessible
 * (the toolkit's elements are focusable and activate with Enter/Space).
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeDropdown, vsCodeOption } from '@vscode/webview-ui-toolkit';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeDropdown(), vsCodeOption());

export function button(label: string, onClick: () => void, options: { secondary?: boolean; title?: string } = {}): HTMLElement {
  const element = document.createElement('vscode-button');
  element.textContent = label;
  if (options.secondary) element.setAttribute('appearance', 'secondary');
  if (options.title) element.title = options.title;
  element.addEventListener('click', onClick);
  return element;
}

export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const element = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  element.textContent = label;
  element.checked = checked;
  element.addEventListener('change', () => onChange(element.checked));
  return element;
}

export function dropdown(options: readonly { value: string; label: string }[], value: string,
  onChange: (value: string) => void, ariaLabel: string): HTMLElement {
  const element = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  element.setAttribute('aria-label', ariaLabel);
  for (const option of options) {
    const item = document.createElement('vscode-option');
    item.setAttribute('value', option.value);
    item.textContent = option.label;
    // Marked as well as set below: the element may upgrade after `value` is assigned.
    if (option.value === value) item.setAttribute('selected', '');
    element.append(item);
  }
  element.value = value;
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

/** A labelled range input (the toolkit has none; the native one is keyboard accessible). `onInput` fires while dragging. */
export function slider(ariaLabel: string, range: { min: number; max: number; step: number }, value: number,
  onInput: (value: number) => void): HTMLInputElement {
  const element = document.createElement('input');
  element.type = 'range';
  element.className = 'layerlens-slider';
  element.min = String(range.min);
  element.max = String(range.max);
  element.step = String(range.step);
  element.value = String(value);
  element.setAttribute('aria-label', ariaLabel);
  element.addEventListener('input', () => onInput(Number(element.value)));
  return element;
}
