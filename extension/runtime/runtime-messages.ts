// Checks of what the runtime child sends, at the boundary: the extension host trusts no IPC message unread. A result
// is checked against its method's type (so a request resolves with that type, no cast); a malformed message is
// logged and dropped by RuntimeProcess.
import type { DecisionBoundary, FromRuntimeMessage, MetricRow, RuntimeMethod, RuntimeMethods, TensorData } from '../../runtime/protocol';
import {
  hasFields, isArrayOf, isBoolean, isNumber, isNumberArray, isRecord, isString, isStringArray, oneOf, optional,
  type Guard,
} from '../util/guards';

const isFloat32Array: Guard<Float32Array> = (value): value is Float32Array => value instanceof Float32Array;
const isNumberRecord: Guard<Readonly<Record<string, number>>> = (value): value is Record<string, number> =>
  isRecord(value) && Object.values(value).every((v) => typeof v === 'number' || v === null);
const isStringRecord: Guard<Readonly<Record<string, string>>> = (value): value is Record<string, string> =>
  isRecord(value) && Object.values(value).every(isString);
const isNullableNumber: Guard<number | null> = (value): value is number | null => value === null || isNumber(value);
const isTensorData: Guard<TensorData> = hasFields<TensorData>({ shape: isNumberArray, data: isFloat32Array });
const isUint8Array: Guard<Uint8Array> = (value): value is Uint8Array => value instanceof Uint8Array;
const isInterval: Guard<readonly [number, number]> = (value): value is readonly [number, number] =>
  isNumberArray(value) && value.length === 2;
const isDecisionBoundary: Guard<DecisionBoundary> = hasFields<DecisionBoundary>({
  epoch: isNumber, batch: isNumber, size: isNumber, xRange: isInterval, yRange: isInterval, classes: isUint8Array,
  confidence: isUint8Array, classNames: isStringArray,
  featureNames: (value): value is readonly [string, string] => isStringArray(value) && value.length === 2,
  points: hasFields({ xs: isFloat32Array, labels: isUint8Array, validation: isUint8Array }),
});
const isRange = hasFields({ start: hasFields({ line: isNumber, col: isNumber }), end: hasFields({ line: isNumber, col: isNumber }) });

/** One check per request method's result. */
export const RESULT_GUARDS: { readonly [M in RuntimeMethod]: Guard<RuntimeMethods[M]['result']> } = {
  info: hasFields({ pid: isNumber, tfjsVersion: isString, backend: isString, tfBackendName: isString, device: isString,
    software: isBoolean, reasons: isStringArray, versions: isStringRecord, tensors: optional(isNumber) }),
  train: hasFields({ runId: isString, runDir: isString, status: oneOf('completed', 'stopped', 'failed'),
    message: optional(isString), final: isNumberRecord, evaluation: optional(isString) }),
  stop: hasFields({ stopping: isBoolean }),
  openRun: hasFields({
    sessionId: isString, runDir: isString, epoch: isNullableNumber,
    layers: isArrayOf(hasFields({ id: isString, type: isString, outputShape: isNumberArray, range: isRange })),
    inputShape: isNumberArray, task: oneOf('classification', 'regression', 'segmentation'), classNames: isStringArray,
    validationCount: isNumber, epochs: isNumberArray,
  }),
  featureMaps: hasFields({
    layers: isArrayOf((value): value is TensorData & { id: string } => isTensorData(value) && isRecord(value) && isString(value['id'])),
    input: isTensorData, probs: isFloat32Array, label: isNullableNumber,
  }),
  examples: hasFields({
    total: isNumber,
    examples: isArrayOf(hasFields({ index: isNumber, input: isTensorData, label: isNullableNumber, predicted: isNullableNumber,
      confidence: isNullableNumber })),
  }),
  explain: hasFields({
    method: oneOf('gradcam', 'gradcampp', 'cam', 'saliency', 'smoothgrad', 'ig', 'lrp-epsilon', 'lrp-zplus'),
    layer: (value): value is string | null => value === null || isString(value), classIndex: isNumber, input: isTensorData,
    logits: isFloat32Array, probs: isFloat32Array, label: isNullableNumber, map: isTensorData, upsampled: isTensorData,
    gapPercent: optional(isNumber), seed: optional(isNumber), sigmaAbsolute: optional(isNumber), warnings: isStringArray,
  }),
  maximize: hasFields({
    image: isTensorData, score: isNumberArray, seed: isNumber,
    snapshots: isArrayOf(hasFields({ step: isNumber, data: isFloat32Array })),
  }),
  closeRun: hasFields({ closed: isBoolean }),
  attack: hasFields({
    attack: oneOf('fgsm', 'pgd'), epsilon: isNumber, label: isNumber, target: isNullableNumber, clip: isInterval,
    input: isTensorData, adversarial: isTensorData, probsBefore: isFloat32Array, probsAfter: isFloat32Array, linf: isNumber,
    trueLabel: isNullableNumber, steps: isNullableNumber, stepSize: isNullableNumber, randomStart: isBoolean, seed: isNumber,
  }),
  robustness: hasFields({
    attack: oneOf('fgsm', 'pgd'), epsilons: isNumberArray, accuracy: isNumberArray, cleanAccuracy: isNumber, samples: isNumber,
    maxLinf: isNumberArray, findings: isArrayOf(hasFields({ check: isString, message: isString })),
    transferFrom: (value): value is string | null => value === null || isString(value),
  }),
  cancel: hasFields({ cancelled: isBoolean }),
  evaluate: hasFields({ path: isString }),
};

const isMetricRow: Guard<MetricRow> = hasFields<MetricRow>({
  kind: oneOf('batch', 'epoch'), step: isNumber, epoch: isNumber, batch: optional(isNumber), values: isNumberRecord, time: isNumber,
});

const MESSAGE_GUARDS: { readonly [T in FromRuntimeMessage['type']]: Guard<Extract<FromRuntimeMessage, { type: T }>> } = {
  ready: hasFields({ type: oneOf('ready'), pid: isNumber, protocolVersion: isNumber }),
  response: (value): value is Extract<FromRuntimeMessage, { type: 'response' }> => isRecord(value) && isNumber(value['id'])
    && (value['ok'] === true ? 'result' in value : value['ok'] === false && isString(value['error'])),
  runStarted: hasFields({ type: oneOf('runStarted'), runId: isString, runDir: isString, modelFile: isString, backend: isString,
    device: isString, reasons: isStringArray }),
  runMetrics: hasFields({ type: oneOf('runMetrics'), runId: isString, rows: isArrayOf(isMetricRow),
    progress: hasFields({ runId: isString, epoch: isNumber, epochs: isNumber, batch: isNumber, batchesPerEpoch: isNumber,
      samplesPerSecond: isNumber, etaSeconds: optional(isNumber), loss: optional(isNumber) }),
    boundary: optional(isDecisionBoundary) }),
  log: hasFields({ type: oneOf('log'), level: oneOf('info', 'warn', 'error'), message: isString }),
  progress: hasFields({ type: oneOf('progress'), id: isNumber, done: isNumber, total: isNumber }),
};

/** The message if it is one the runtime may send, well formed; else undefined. */
export function parseRuntimeMessage(value: unknown): FromRuntimeMessage | undefined {
  if (!isRecord(value) || !isString(value['type']) || !Object.hasOwn(MESSAGE_GUARDS, value['type'])) return undefined;
  const guard: Guard<FromRuntimeMessage> = MESSAGE_GUARDS[value['type'] as FromRuntimeMessage['type']];
  return guard(value) ? value : undefined;
}
