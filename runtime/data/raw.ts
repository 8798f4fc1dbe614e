// The intermediate form every source produces before splitting and tensor creation:
// flat typed arrays, one row per example, in a fixed order.

export interface RawExamples {
  /** n × prod(sampleShape) values, row-major, example after example. */
  features: Float32Array;
  /** Natural shape of one example, e.g. [28, 28, 1] or [2]; reshaped to the model's input if sizes agree. */
  sampleShape: number[];
  count: number;
  targets: RawTargets;
  /** Standardise features with statistics of the training split (tabular sources). */
  standardiseFeatures?: { names: string[]; units: string[] };
  /** Optional group per example used to stratify the split when targets are not classes (e.g. shape kind). */
  strata?: Int32Array;
}

export type RawTargets =
  | { type: 'classes'; labels: Int32Array; classNames: string[] }
  | {
      type: 'values';
      /** n × names.length values. */
      values: Float32Array;
      names: string[];
      units: string[];
      standardise: boolean;
    }
  | {
      type: 'masks';
      /** n × h × w binary values (1 = shape). */
      masks: Float32Array;
      maskShape: [number, number, 1];
      classNames: [string, string];
    };

/** Values per example of the targets, i.e. the row width used when gathering rows. */
export function targetWidth(targets: RawTargets): number {
  switch (targets.type) {
    case 'classes':
      return 1;
    case 'values':
      return targets.names.length;
    case 'masks':
      return targets.maskShape[0] * targets.maskShape[1];
    default: {
      const unreachable: never = targets;
      return unreachable;
    }
  }
}

/** Copies the rows listed in `order` (each `width` values long) into a new array. */
export function gatherRows(source: Float32Array, width: number, order: Int32Array): Float32Array {
  const out = new Float32Array(order.length * width);
  for (let i = 0; i < order.length; i++) {
    const from = (order[i] as number) * width;
    out.set(source.subarray(from, from + width), i * width);
  }
  return out;
}
