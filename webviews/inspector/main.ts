// The Inspector's page: shared pickers (run, checkpoint epoch, input) and a switcher between views (Feature maps;
// Explain and Adversarial from issues 9 and 10). Messages in `protocol.ts`; the extension side is
// `extension/inspector/`. Names from model files are only ever set as text.
import '../shared/panel.css';
import './inspector.css';
import { initialState, panelChannel } from '../shared/vscode-api';
import type {
  InputChoice, InspectorFromView, InspectorHostServes, InspectorInit, InspectorSession, InspectorToView, InspectorViewId,
  InspectorViewServes, InspectorViewState, InspectorWebviewState,
} from './protocol';
import { hostResultChecks } from './result-checks';
import { Pickers } from './ui/pickers';
import { InputPicker } from './ui/input-picker';
import { createViews } from './views';
import type { HostRequest, InspectorView, Selection } from './views/view';

const channel = panelChannel<InspectorToView, InspectorFromView, InspectorWebviewState, InspectorHostServes, InspectorViewServes>({
  results: hostResultChecks,
  handlers: { state: (): Promise<InspectorViewState> => viewState() },
  params: { state: (value): value is Record<string, never> => typeof value === 'object' && value !== null },
});
const request: HostRequest = (method, params, options) => channel.request(method, params, options);
const root = document.getElementById('root') ?? document.body;

let init: InspectorInit | undefined = initialState<InspectorInit>();
const kept = channel.getState();
// A page reloaded in place keeps what it showed; a panel opened on one example (init.focus) shows that example.
const focus = kept ? undefined : init?.focus;
const saved = kept ?? init?.saved;
let state: InspectorWebviewState = {
  modelFile: init?.modelFile ?? '', runDir: focus ? init?.runDir ?? '' : saved?.runDir ?? init?.runDir ?? '',
  epoch: focus ? focus.epoch : saved?.epoch ?? null, view: saved?.view ?? 'featureMaps', example: focus?.example ?? saved?.example ?? 0,
  normalisation: saved?.normalisation ?? 'channel', misclassifiedOnly: saved?.misclassifiedOnly ?? false,
};
let session: InspectorSession | undefined;
let input: InputChoice = { kind: 'example', index: state.example };
let opening: Promise<void> = Promise.resolve();

const heading = document.createElement('h1');
const errorLine = document.createElement('p');
errorLine.className = 'error';
errorLine.setAttribute('role', 'alert');
const pickersHost = document.createElement('div');
const inputHost = document.createElement('section');
inputHost.className = 'input-picker';
const viewHost = document.createElement('div');
viewHost.className = 'views';
root.replaceChildren(heading, pickersHost, errorLine, inputHost, viewHost);

const showError = (message: string) => { errorLine.textContent = message; };
const context = {
  request, showError,
  revealLayer: (layerId: string) => { void request('revealLayer', { layerId }).catch((e: unknown) => showError(String(e))); },
};
const views = createViews((normalisation) => persist({ normalisation }), state.normalisation);
const viewElements = new Map<InspectorViewId, HTMLElement>();
for (const view of views) {
  const element = document.createElement('div');
  element.className = 'view';
  element.setAttribute('role', 'tabpanel');
  element.id = `view-${view.id}`;
  view.mount(element, context);
  viewElements.set(view.id, element);
  viewHost.append(element);
}
const activeView = (): InspectorView | undefined => views.find((v) => v.id === state.view);

const pickers = new Pickers(pickersHost, views.map((v) => ({ id: v.id, label: v.label })), {
  onRun: (runDir) => { persist({ runDir, epoch: null }); channel.post({ type: 'runChanged', runDir }); void open(); },
  onEpoch: (epoch) => { persist({ epoch }); void open(); },
  onView: (view) => { persist({ view }); showView(); },
});
const inputs = new InputPicker(inputHost, request, {
  onInput: (next) => {
    input = next;
    if (next.kind === 'example') persist({ example: next.index });
    errorLine.textContent = '';
    refreshViews();
  },
  onMisclassifiedOnly: (misclassifiedOnly) => persist({ misclassifiedOnly }),
  showError,
}, state.misclassifiedOnly);

function persist(change: Partial<InspectorWebviewState>): void {
  state = { ...state, ...change };
  if (state.modelFile) channel.setState(state);
}

function applyInit(next: InspectorInit): void {
  init = next;
  heading.textContent = `Inspector · ${next.displayName}`;
  persist({ modelFile: next.modelFile, runDir: next.runs.some((r) => r.runDir === state.runDir) ? state.runDir : next.runDir });
  pickers.setRuns(next.runs, state.runDir);
}

/** Opens the chosen run at the chosen epoch; a newer choice (a slider drag) cancels an older one still loading. */
function open(): Promise<void> {
  const key = { runDir: state.runDir, epoch: state.epoch };
  opening = request('open', key, { latestWins: 'open', timeoutMs: 180_000 }).then((opened) => {
    session = opened;
    errorLine.textContent = '';
    pickers.setEpochs(opened.epochs, opened.epoch);
    if (input.kind === 'example' && input.index >= opened.validationCount) input = { kind: 'example', index: 0 };
    inputs.setSession(opened, { runDir: opened.runDir, epoch: opened.epoch }, input);
    refreshViews();
  }, (error: unknown) => {
    if (error instanceof Error && error.message === 'cancelled') return;
    showError(error instanceof Error ? error.message : String(error));
  });
  return opening;
}

function selection(): Selection | undefined {
  return session ? { key: { runDir: session.runDir, epoch: session.epoch }, session, input } : undefined;
}

function refreshViews(): void {
  const current = selection();
  if (!current) return;
  inputs.describe(describeInput(current));
  activeView()?.show(current);
}

function showView(): void {
  for (const [id, element] of viewElements) element.hidden = id !== state.view;
  pickers.setView(state.view);
  refreshViews();
}

function describeInput(current: Selection): string {
  const where = current.input.kind === 'example' ? `Validation example ${current.input.index}` : current.input.source;
  return `${where} · ${current.session.epoch === null ? 'final model' : `epoch ${current.session.epoch}`}`;
}

async function viewState(): Promise<InspectorViewState> {
  await opening;
  await inputs.settled();
  await activeView()?.settled();
  return {
    runDir: state.runDir, epoch: session?.epoch ?? state.epoch, view: state.view,
    input: input.kind === 'example' ? { kind: 'example', index: input.index } : { kind: 'tensor', source: input.source },
    layers: activeView()?.layerState() ?? [],
  };
}

if (init) applyInit(init);
showView();
if (state.runDir) void open();

channel.listen((message) => {
  switch (message.type) {
    case 'init': {
      const first = session === undefined && !init;
      applyInit(message.init);
      if (first) void open();
      return;
    }
    case 'runs': if (init) applyInit({ ...init, runs: message.runs }); return;
    case 'highlightLayer': for (const view of views) view.highlightLayer(message.layerId); return;
    case 'maximizeProgress': for (const view of views) view.maximizeProgress?.(message.done, message.total); return;
    case 'focus': {
      persist({ runDir: message.runDir, epoch: message.focus.epoch, example: message.focus.example });
      input = { kind: 'example', index: message.focus.example };
      if (init) pickers.setRuns(init.runs, state.runDir);
      void open();
      return;
    }
    default: {
      const unexpected: never = message;
      console.warn('inspector: unexpected message', unexpected);
    }
  }
}, { type: 'ready' });

// VS Code swaps the body's vscode-light / vscode-dark / vscode-high-contrast class when the theme changes.
new MutationObserver(() => { for (const view of views) view.themeChanged(); })
  .observe(document.body, { attributes: true, attributeFilter: ['class'] });
