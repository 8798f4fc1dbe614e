// The Training panel's page: live curves of a model file's runs. Messages in `protocol.ts`; the extension side is
// `extension/training-panel/training-panel.ts`. Names from model files are only ever set as text.
import '../shared/panel.css';
import './ui/training.css';
import './evaluation/evaluation.css';
import './images/epoch-images.css';
import type {
  PanelState, RunSummary, TrainingFromView, TrainingToView, TrainingViewServes, TrainingWebviewState, ViewSettings,
} from './protocol';
import { panelChannel } from '../shared/vscode-api';
import { button } from '../shared/toolkit';
import { ChartGrid, type RunLegend } from './ui/chart-grid';
import { EvaluationSection } from './evaluation/evaluation-section';
import { EpochImagesSection } from './images/epoch-images-section';
import { Controls } from './ui/controls';
import { DoctorNotes } from './ui/doctor-notes';
import { LiveStats } from './ui/live-stats';
import { RunStore } from './ui/run-store';
import { RunsList, runLabel } from './ui/runs-list';
import { sanitiseSettings } from './ui/settings';

const channel = panelChannel<TrainingToView, TrainingFromView, TrainingWebviewState, Record<never, never>, TrainingViewServes>({
  results: {},
  handlers: { state: (): Promise<PanelState> => Promise.resolve({ modelFile, runs: store.state(), charts: grid.metricNames() }) },
  params: { state: (value): value is Record<string, never> => typeof value === 'object' && value !== null },
});
const saved = channel.getState();
const root = document.getElementById('root') ?? document.body;

let modelFile = saved?.modelFile ?? '';
let settings = sanitiseSettings(saved?.settings);
let shown = new Set<string>(saved?.shown ?? []);
let compared: readonly string[] = saved?.compared ?? [];
let runs: readonly RunSummary[] = [];
let liveRunId: string | undefined;
const store = new RunStore();
const colours = new Map<string, number>();
const legends = new Map<string, string>();

const heading = document.createElement('h1');
heading.textContent = 'Training';
const header = document.createElement('header');
header.className = 'panel-header';
header.append(heading);
const stats = new LiveStats(header);
const toolbar = document.createElement('div');
toolbar.className = 'toolbar';
const errorLine = document.createElement('p');
errorLine.className = 'error';
errorLine.setAttribute('role', 'alert');
const runsSection = document.createElement('section');
runsSection.className = 'runs-section';
const chartsSection = document.createElement('div');
chartsSection.className = 'charts';
chartsSection.setAttribute('aria-label', 'Charts');
const evaluationSection = document.createElement('section');
evaluationSection.className = 'evaluation';
evaluationSection.setAttribute('aria-label', 'Evaluation');
const imagesSection = document.createElement('section');
imagesSection.className = 'epoch-images-section';
imagesSection.setAttribute('aria-label', 'Epoch images');
const doctorSection = document.createElement('div');
root.replaceChildren(header, toolbar, errorLine, doctorSection, runsSection, chartsSection, imagesSection, evaluationSection);
const doctor = new DoctorNotes(doctorSection, (fix) => channel.post({ type: 'applyFix', fix }));

const legendOf = (runId: string): RunLegend => {
  if (!colours.has(runId)) colours.set(runId, colours.size);
  return { label: legends.get(runId) ?? runId, colourIndex: colours.get(runId) ?? 0 };
};
const grid = new ChartGrid(chartsSection, settings, legendOf, (name, dataUrl) => channel.post({ type: 'savePng', name, dataUrl }));
const epochImages = new EpochImagesSection(imagesSection, (runId) => legends.get(runId) ?? runId,
  (runId, epoch) => channel.post({ type: 'epochImages', runId, epoch }));

const runsList = new RunsList(runsSection, {
  onToggle: (runId, checked) => {
    if (checked === shown.has(runId)) return;
    if (checked) shown.add(runId);
    else {
      shown.delete(runId);
      store.remove(runId);
      grid.removeRun(runId);
      runsList.setPointCount(runId, 0);
    }
    channel.post({ type: 'setShown', runId, shown: checked });
    evaluation.setShown(shownIds());
    epochImages.setShown(shownIds());
    persist();
    showLoss();
  },
  onResume: (runId) => channel.post({ type: 'resume', runId }),
  onInspect: (runId) => channel.post({ type: 'inspect', runId }),
});
// Runs of other model files of the workspace, overlaid with this file's (the extension asks which in a quick pick).
runsSection.append(button('Compare with…', () => channel.post({ type: 'compareWith' }),
  { secondary: true, title: 'Overlay runs of other model files in this workspace; their legends say how those files differ from this one' }));
let controls: Controls | undefined;
const evaluation = new EvaluationSection(evaluationSection, (runId) => {
  const run = runs.find((r) => r.runId === runId);
  return run ? runLabel(run) : runId;
}, (runId, epoch) => channel.post({ type: 'evaluate', runId, ...(epoch !== undefined ? { epoch } : {}) }),
(runId, example, epoch) => channel.post({ type: 'inspect', runId, example, ...(epoch !== undefined ? { epoch } : {}) }));

function persist(): void {
  if (modelFile) channel.setState({ modelFile, shown: [...shown], settings, compared });
}

function applySettings(next: ViewSettings): void {
  settings = next;
  grid.setSettings(settings, store, shownIds());
  persist();
}

/** The slider fires on every step while dragged: tell the extension once it rests. */
let settingsTimer: ReturnType<typeof setTimeout> | undefined;
function postSettingsSoon(): void {
  clearTimeout(settingsTimer);
  settingsTimer = setTimeout(() => channel.post({ type: 'settings', settings }), 300);
}

function shownIds(): string[] {
  return runs.map((r) => r.runId).filter((id) => shown.has(id));
}

/** The last batch loss of the live run, else of the newest shown run. */
function showLoss(): void {
  const runId = liveRunId !== undefined && shown.has(liveRunId) ? liveRunId : shownIds()[0];
  stats.setLoss(runId === undefined ? undefined : store.get(runId)?.lastLoss());
}

function onRuns(next: readonly RunSummary[], training: boolean, nextShown: readonly string[], nextCompared: readonly string[]): void {
  runs = next;
  compared = nextCompared;
  shown = new Set(nextShown);
  for (const runId of store.runIds()) {
    if (!shown.has(runId)) { store.remove(runId); grid.removeRun(runId); }
  }
  let relabelled = false;
  for (const run of runs) {
    const label = runLabel(run);
    // Points may arrive before the run's summary (the runs list is read asynchronously): relabel those too.
    if (legends.get(run.runId) !== label && store.get(run.runId)) relabelled = true;
    legends.set(run.runId, label);
  }
  if (relabelled) grid.rebuild(store, shownIds());
  const live = runs.find((r) => r.live);
  liveRunId = live?.runId;
  if (live) stats.setBackend(live.backend, live.device);
  else {
    stats.clearLive();
    if (runs[0]) stats.setBackend(runs[0].backend, runs[0].device);
  }
  runsList.render(runs, shown, (runId) => store.get(runId)?.batch.length ?? 0);
  evaluation.setShown(shownIds());
  epochImages.setShown(shownIds());
  doctor.render(runs.filter((r) => r.modelFile === undefined)); // its fixes edit this file: only this file's runs
  controls?.setTraining(training);
  persist();
  showLoss();
}

channel.listen((message) => {
  switch (message.type) {
    case 'init': {
      modelFile = message.modelFile;
      heading.textContent = `Training · ${message.displayName}`;
      if (message.settings && !saved?.settings) applySettings(sanitiseSettings(message.settings));
      if (!controls) {
        controls = new Controls(toolbar, settings, {
          onStop: () => channel.post({ type: 'stop' }),
          onTrainAgain: () => channel.post({ type: 'trainAgain' }),
          onExportCsv: () => channel.post({ type: 'exportCsv', runIds: shownIds() }),
          onSettings: (next) => { applySettings(next); postSettingsSoon(); },
        });
      }
      persist();
      return;
    }
    case 'runs': onRuns(message.runs, message.training, message.shown, message.compared); return;
    case 'update': {
      for (const points of message.points) {
        if (!shown.has(points.runId)) continue; // unticked while these were on their way
        const run = store.apply(points);
        grid.addPoints(points, run);
        runsList.setPointCount(points.runId, run.batch.length);
      }
      // Points flushed after a run ended can carry its last progress: a run the runs list already reports as ended
      // keeps a header without progress, rate or ETA.
      const ended = message.live !== undefined && runs.some((r) => r.runId === message.live?.runId && !r.live);
      if (message.live && !ended) {
        liveRunId = message.live.runId;
        stats.setLive(message.live);
      }
      showLoss();
      return;
    }
    case 'evaluation':
      evaluation.setEvaluation(message.runId, message.evaluation, message.boundaries,
        { checkpointEpochs: message.checkpointEpochs, ...(message.epoch !== undefined ? { epoch: message.epoch } : {}) });
      return;
    case 'epochImages': epochImages.setImages(message.runId, message.epochs, message.images); return;
    case 'boundary': if (shown.has(message.runId)) evaluation.addBoundary(message.runId, message.frame); return;
    case 'error':
      errorLine.textContent = message.message;
      evaluation.cancelPending();
      return;
    default: {
      const unexpected: never = message;
      console.warn('training: unexpected message', unexpected);
    }
  }
}, { type: 'ready' });

// VS Code swaps the body's vscode-light / vscode-dark / vscode-high-contrast class when the theme changes.
new MutationObserver(() => grid.setTheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
