// `evaluation.json`: what a trained model gets right and wrong on its validation split. Types only: the runtime
// writes the file (end of every run, or on demand for a checkpoint epoch), the CLI prints it verbatim
// (`layerlens evaluate RUN_DIR [--epoch E] --json`, a binding interface: the first fields of each kind and their
// order are fixed), and the Training panel draws it. Extra fields follow the binding ones.

/** An example's input, small enough for a thumbnail. */
export type ExampleInput =
  /** Image models: `[h, w, c]` (HWC) scaled to 0–255 per example, row-major bytes in base64. */
  | { readonly kind: 'image'; readonly shape: readonly number[]; readonly pixels: string }
  /** Tabular models: the feature values in the data's own units (standardisation undone). */
  | { readonly kind: 'features'; readonly names: readonly string[]; readonly values: readonly number[] };

export interface PerClassScores {
  readonly class: string;
  /** TP / (TP + FP); 0 when the class is never predicted. */
  readonly precision: number;
  /** TP / (TP + FN); 0 when the class has no validation examples. */
  readonly recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  readonly f1: number;
  /** Validation examples of this class (the confusion row's sum). */
  readonly support: number;
}

export interface Mistake {
  /** Index in the validation split (0-based, the run's own seeded split). */
  readonly index: number;
  /** True class index. */
  readonly label: number;
  readonly predicted: number;
  /** The model's probability for `predicted`. */
  readonly confidence: number;
}

/** Fields every evaluation carries after its binding ones. */
interface EvaluationCommon {
  /** Epochs trained by the weights evaluated (a checkpoint's epoch, or the run's last). */
  readonly epoch: number;
  /** `final` for the run's `model/`, `checkpoint` for `checkpoints/epoch-N/`. */
  readonly weights: 'final' | 'checkpoint';
  /** Validation examples evaluated. */
  readonly count: number;
}

export interface ClassificationEvaluation extends EvaluationCommon {
  readonly task: 'classification';
  readonly classNames: readonly string[];
  /** `confusion[true][predicted]`: counts; rows = true class. Sums to `count`. */
  readonly confusion: readonly (readonly number[])[];
  /** trace(confusion) / count; the same examples, inference mode and decision rule as the epoch's `val_accuracy`. */
  readonly accuracy: number;
  readonly perClass: readonly PerClassScores[];
  /** Every misclassified validation example, most confident first. */
  readonly misclassified: readonly Mistake[];
  /** Fraction whose true class is among the k most probable, for k = 1, 3, 5 (k ≤ classes). */
  readonly topK: readonly { readonly k: number; readonly accuracy: number }[];
  /** True and predicted class of every validation example, by index (the panel groups them per cell). */
  readonly labels: readonly number[];
  readonly predictions: readonly number[];
  /** Inputs of some examples of every cell (the first few) and of the mistakes shown, keyed by validation index. */
  readonly examples: Readonly<Record<string, ExampleInput>>;
}

export interface RegressionEvaluation extends EvaluationCommon {
  readonly task: 'regression';
  /** Mean squared / absolute error and R² over all targets, in the target's own units (standardisation undone). */
  readonly mse: number;
  readonly mae: number;
  readonly r2: number;
  /** Units of the targets, e.g. `kg` (comma-separated for several; '' when unknown). */
  readonly units: string;
  readonly targetNames: readonly string[];
  /** Up to 2,000 validation examples, row-major `[examples, targets]`, in the target's units. */
  readonly predictions: readonly number[];
  readonly targets: readonly number[];
  /** Single-input models: the input of those examples, in its units. */
  readonly inputs?: readonly number[];
  readonly inputName?: string;
  readonly inputUnits?: string;
  /** Single-input, single-output models: the model's prediction over the input's range (data units). */
  readonly curve?: { readonly x: readonly number[]; readonly y: readonly number[] };
  /** Single-input, single-output models made only of linear dense layers: y = w·x + b in data units. */
  readonly linear?: { readonly w: number; readonly b: number };
}

export interface SegmentationMask {
  /** Validation index. */
  readonly index: number;
  readonly input: ExampleInput;
  /** `[h, w]` class indices, one byte per pixel, base64. */
  readonly truth: string;
  readonly predicted: string;
  /** IoU of the foreground class(es) on this example (mean over non-background classes present). */
  readonly iou: number;
}

export interface SegmentationEvaluation extends EvaluationCommon {
  readonly task: 'segmentation';
  /** Intersection over union per class (`classNames` order) over all validation pixels; 1 when a class is absent from both. */
  readonly iou: readonly number[];
  readonly pixelAccuracy: number;
  readonly classNames: readonly string[];
  readonly maskShape: readonly [number, number];
  /** The first 16 validation examples. */
  readonly masks: readonly SegmentationMask[];
}

export type Evaluation = ClassificationEvaluation | RegressionEvaluation | SegmentationEvaluation;
