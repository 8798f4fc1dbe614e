// Checks of what the Training panel's page sends, at the boundary: a malformed message is logged, not trusted.
import type { PanelProtocol } from '../webview/webview-bridge';
import type { NoMethods } from '../webview/panel';
import type { PanelState, TrainingFromView, TrainingViewServes, ViewSettings } from '../../webviews/training/protocol';
import { hasFields, isArrayOf, isNumber, isRecord, isString, isStringArray, oneOf, optional, isBoolean, type Guard } from '../util/guards';

const isViewSettings: Guard<ViewSettings> = hasFields<ViewSettings>({
  xAxis: oneOf('step', 'epoch'), yScale: oneOf('linear', 'log'), smoothingMethod: oneOf('ema', 'centred', 'trailing'),
  smoothing: isNumber,
});

const isIndex = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** The doctor's fixes: a momentum in [0, 1) or a positive learning rate, with a title. */
function isDoctorFix(value: unknown): boolean {
  if (!isRecord(value) || !isString(value['title'])) return false;
  const momentum = value['momentum'];
  const learningRate = value['learningRate'];
  if (value['kind'] === 'setBatchNormMomentum') return isNumber(momentum) && momentum >= 0 && momentum < 1;
  if (value['kind'] === 'setLearningRate') return isNumber(learningRate) && learningRate > 0 && learningRate <= 100;
  return false;
}

export function isTrainingFromView(value: unknown): value is TrainingFromView {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'ready': case 'stop': case 'trainAgain': case 'compareWith': return true;
    case 'setShown': return isString(value['runId']) && isBoolean(value['shown']);
    case 'settings': return isViewSettings(value['settings']);
    case 'resume': return isString(value['runId']);
    case 'inspect': return isString(value['runId']) && optional(isIndex)(value['example']) && optional(isIndex)(value['epoch']);
    case 'exportCsv': return isStringArray(value['runIds']);
    case 'evaluate': return isString(value['runId']) && optional(isNumber)(value['epoch']);
    case 'epochImages': return isString(value['runId']) && isNumber(value['epoch']);
    case 'applyFix': return isDoctorFix(value['fix']);
    case 'savePng': return isString(value['name']) && isString(value['dataUrl']) && value['dataUrl'].startsWith('data:image/png;base64,');
    default: return false;
  }
}

const isPanelState: Guard<PanelState> = hasFields<PanelState>({
  modelFile: isString,
  runs: isArrayOf(hasFields({ runId: isString, batchPoints: isNumber, epochPoints: isNumber, lastLoss: optional(isNumber) })),
  charts: isStringArray,
});

export const trainingProtocol = (): PanelProtocol<TrainingFromView, NoMethods, TrainingViewServes> => ({
  isMessage: isTrainingFromView,
  handlers: {},
  params: {},
  results: { state: isPanelState },
});
