import '../shared/panel.css';
import type { AboutFromView, AboutInfo, AboutToView } from './protocol';
import { panelChannel } from '../shared/vscode-api';
import { button } from '../shared/toolkit';

const channel = panelChannel<AboutToView, AboutFromView>();
const root = document.getElementById('root') ?? document.body;

/** Builds a definition list; every value is set as text, never as HTML. */
function render(info: AboutInfo): void {
  const rows: [string, string][] = [
    ['Backend', info.backend],
    ['Device', info.software ? `${info.device} (software emulation)` : info.device],
    ['TensorFlow.js', info.tfjsVersion],
    ['Extension', info.extensionVersion],
    ['Runtime PID', String(info.runtimePid)],
  ];
  const list = document.createElement('dl');
  for (const [name, value] of rows) {
    const term = document.createElement('dt');
    term.textContent = name;
    const detail = document.createElement('dd');
    detail.textContent = value;
    detail.dataset.field = name.toLowerCase().replace(/[^a-z]+/g, '-');
    list.append(term, detail);
  }
  const heading = document.createElement('h1');
  heading.textContent = 'LayerLens';
  const children: Node[] = [heading, list];
  if (info.reasons.length > 0) {
    const title = document.createElement('h2');
    title.textContent = 'Why not a faster backend';
    const reasons = document.createElement('ul');
    for (const reason of info.reasons) {
      const item = document.createElement('li');
      item.textContent = reason;
      reasons.append(item);
    }
    children.push(title, reasons);
  }
  children.push(button('Refresh', () => channel.post({ type: 'refresh' }), { secondary: true }));
  root.replaceChildren(...children);
}

function renderError(message: string): void {
  const paragraph = document.createElement('p');
  paragraph.className = 'error';
  paragraph.textContent = message;
  root.replaceChildren(paragraph, button('Retry', () => channel.post({ type: 'refresh' })));
}

channel.listen((message) => {
  switch (message.type) {
    case 'info': render(message.info); return;
    case 'error': renderError(message.message); return;
    default: {
      const unexpected: never = message;
      console.warn('about: unexpected message', unexpected);
    }
  }
}, { type: 'ready' });
