// Checks of what the Inspector's page sends, at the boundary: requests with malformed params are refused, other
// malformed messages logged (see WebviewBridge).
import type { PanelProtocol } from '../webview/webview-bridge';
import { adversarialParams } from './adversarial-params';
import type { RpcHandlers } from '../../webviews/shared/rpc';
import type { MaximizeGoal } from '../../webviews/inspector/explain/explain-protocol';
import type {
  InputChoice, InspectorFromView, InspectorHostServes, InspectorViewServes, InspectorViewState, InspectorWebviewState,
  SessionKey, Tensor,
} from '../../webviews/inspector/protocol';
import { hasFields, isArrayOf, isBoolean, isNumber, isNumberArray, isRecord, isString, isStringArray, oneOf, type Guard } from '../util/guards';

const isWholeNumber = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isEpoch = (value: unknown): value is number | null => value === null || isWholeNumber(value);

const isTensor: Guard<Tensor> = (value): value is Tensor => isRecord(value) && isNumberArray(value['shape'])
  && value['data'] instanceof Float32Array
  && value['data'].length === value['shape'].reduce((a, b) => a * b, 1);

const isInputChoice: Guard<InputChoice> = (value): value is InputChoice => isRecord(value) && (
  (value['kind'] === 'example' && isWholeNumber(value['index']))
  || (value['kind'] === 'tensor' && isTensor(value['tensor']) && isString(value['source'])));

/** More steps than this are refused at the boundary (each step is a forward and a backward pass). */
const MAX_MAXIMIZE_STEPS = 10_000;

const isMaximizeGoal: Guard<MaximizeGoal> = (value): value is MaximizeGoal => isRecord(value) && (
  isWholeNumber(value['classIndex']) || (isString(value['layerId']) && isWholeNumber(value['channel'])));

const isSessionKey: Guard<SessionKey> = hasFields<SessionKey>({ runDir: isString, epoch: isEpoch });

type Params<K extends keyof InspectorHostServes> = InspectorHostServes[K]['params'];

const PARAMS: { readonly [K in keyof InspectorHostServes]: Guard<Params<K>> } = {
  ...adversarialParams(isInputChoice),
  open: isSessionKey,
  featureMaps: (value): value is Params<'featureMaps'> => isSessionKey(value) && isRecord(value)
    && isStringArray(value['layerIds']) && isInputChoice(value['input']),
  examples: (value): value is Params<'examples'> => isSessionKey(value) && isRecord(value)
    && isWholeNumber(value['start']) && isWholeNumber(value['count']) && isBoolean(value['misclassifiedOnly']),
  pickImage: hasFields<Params<'pickImage'>>({ inputShape: isNumberArray }),
  revealLayer: hasFields<Params<'revealLayer'>>({ layerId: isString }),
  explain: (value): value is Params<'explain'> => isSessionKey(value) && isRecord(value) && isInputChoice(value['input'])
    && oneOf('gradcam', 'gradcampp', 'cam', 'saliency', 'smoothgrad', 'ig', 'lrp-epsilon', 'lrp-zplus')(value['method'])
    && (value['layerId'] === undefined || isString(value['layerId']))
    && (value['classIndex'] === undefined || isWholeNumber(value['classIndex'])),
  maximize: (value): value is Params<'maximize'> => isSessionKey(value) && isRecord(value) && isMaximizeGoal(value['target'])
    && isWholeNumber(value['steps']) && value['steps'] >= 1 && value['steps'] <= MAX_MAXIMIZE_STEPS
    && isWholeNumber(value['seed']),
};

/** A request the page may make (by name). */
export function isInspectorMethod(value: unknown): value is keyof InspectorHostServes {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PARAMS, value);
}

const isViewState: Guard<InspectorViewState> = hasFields<InspectorViewState>({
  runDir: isString, epoch: isEpoch, view: oneOf('featureMaps', 'explain', 'adversarial'),
  input: (value): value is InspectorViewState['input'] => value === null || isRecord(value),
  layers: isArrayOf(hasFields({ id: isString, canvases: isNumber, highlighted: isBoolean })),
});

export function isInspectorFromView(value: unknown): value is InspectorFromView {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'ready': return true;
    case 'runChanged': return isString(value['runDir']);
    default: return false;
  }
}

/** The state the serializer gets back after a reload; undefined when it lacks what a panel needs. */
export function savedInspectorState(value: unknown): InspectorWebviewState | undefined {
  if (!isRecord(value) || !isString(value['modelFile']) || !isString(value['runDir'])) return undefined;
  return {
    modelFile: value['modelFile'], runDir: value['runDir'],
    epoch: isEpoch(value['epoch']) ? value['epoch'] : null,
    view: oneOf('featureMaps', 'explain', 'adversarial')(value['view']) ? value['view'] : 'featureMaps',
    example: isWholeNumber(value['example']) ? value['example'] : 0,
    normalisation: oneOf('channel', 'layer', 'fixed')(value['normalisation']) ? value['normalisation'] : 'channel',
    misclassifiedOnly: value['misclassifiedOnly'] === true,
  };
}

export function inspectorProtocol(handlers: RpcHandlers<InspectorHostServes>):
  PanelProtocol<InspectorFromView, InspectorHostServes, InspectorViewServes> {
  return { isMessage: isInspectorFromView, handlers, params: PARAMS, results: { state: isViewState } };
}
