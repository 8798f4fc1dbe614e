// Segmentation evaluation: per-class IoU and pixel accuracy over the validation split, and the masks of its first
// 16 examples (class index bytes, base64) with their inputs.
import type { PreparedRun } from '../training/prepare';
import type { CommonFields } from './evaluate-model';
import type { ModelOutputs } from './predict';
import { exampleInputs, toBase64 } from './example-inputs';
import type { SegmentationEvaluation, SegmentationMask } from './report';
import { iouPerClass, pixelAccuracy, pixelClasses } from './segmentation-metrics';

export const MASKS_SHOWN = 16;

/** Mean IoU of the classes other than background (class 0) that occur in truth or prediction; 1 when none does. */
export function foregroundIou(truth: Uint8Array, predicted: Uint8Array, classes: number): number {
  const scores = iouPerClass(truth, predicted, classes).slice(1)
    .filter((_, k) => truth.includes(k + 1) || predicted.includes(k + 1));
  return scores.length === 0 ? 1 : scores.reduce((a, b) => a + b, 0) / scores.length;
}

export async function evaluateSegmentation(prepared: PreparedRun, outputs: ModelOutputs, common: CommonFields): Promise<SegmentationEvaluation> {
  const { dataset } = prepared;
  const truthShape = dataset.validation.ys.shape; // [n, h, w, channels]
  const height = truthShape[1] ?? 0;
  const width = truthShape[2] ?? 0;
  const channels = truthShape[3] ?? 1;
  const outputChannels = height * width === 0 ? 1 : outputs.perExample / (height * width);
  const truth = pixelClasses((await dataset.validation.ys.data()) as Float32Array, channels);
  const predicted = pixelClasses(outputs.values, outputChannels);
  const classes = Math.max(2, outputChannels, dataset.classNames.length);
  const classNames = dataset.classNames.length === classes ? dataset.classNames : Array.from({ length: classes }, (_, k) => String(k));
  const pixels = height * width;
  const shown = Math.min(MASKS_SHOWN, dataset.validation.size);
  const inputs = await exampleInputs(dataset, Array.from({ length: shown }, (_, i) => i));
  const masks: SegmentationMask[] = [];
  for (let i = 0; i < shown; i++) {
    const input = inputs[String(i)];
    if (!input) continue;
    const t = truth.subarray(i * pixels, (i + 1) * pixels);
    const p = predicted.subarray(i * pixels, (i + 1) * pixels);
    masks.push({ index: i, input, truth: toBase64(t), predicted: toBase64(p), iou: foregroundIou(t, p, classes) });
  }
  return {
    task: 'segmentation', iou: iouPerClass(truth, predicted, classes), pixelAccuracy: pixelAccuracy(truth, predicted),
    ...common, classNames, maskShape: [height, width], masks,
  };
}
