// Public contract of the training-data layer: what a model file asks for (DataSpec),
// what the runtime passes in (LoadContext) and what it gets back (Dataset).
import type { Tensor } from '@tensorflow/tfjs';

export type DataSource = 'mnist' | 'height-weight' | 'xor' | 'spirals' | 'shapes' | 'csv' | 'images';

export type Task = 'classification' | 'regression' | 'segmentation';

/** The `data:` section of a model file, as produced by the model-language parser. */
export interface DataSpec {
  source: DataSource;
  /** Fraction of examples held out for validation, 0..0.9. Default 0.1. */
  validationSplit?: number;
  /** Permute the training targets (the memorisation experiment). Validation stays intact. Default false. */
  shuffleLabels?: boolean;
  /**
   * Number of examples. Synthetic sources: how many to generate
   * (defaults: xor 400, spirals 600, height-weight 200, shapes 500).
   * mnist: a stratified subset of the 10,000 digits. Ignored by csv and images.
   */
  samples?: number;
  /**
   * Standard deviation of the Gaussian noise, in the source's own units:
   * xor/spirals coordinates (defaults 0.1 / 0.05), height-weight kg (default 5),
   * shapes pixel intensity 0..1 (default 0.05).
   */
  noise?: number;
  /** The model file's `data.classes`: class indices to keep, re-indexed 0.. in this order (class sources only). */
  keepClasses?: number[];
  /** At most this many training examples per class; validation is split off first and keeps its size. */
  samplesPerClass?: number;
  /** `rotation`: labels become the rotation (0°, 90°, 180°, 270°) applied to each square image. */
  pretext?: 'rotation';
  /** Overrides the run's seed for everything data-related (generation, split, label shuffling). */
  seed?: number;
  /** Number of classes, for spirals only (2..5, default 2). */
  classes?: number;
  /** csv: the file; images: the folder holding one sub-folder per class. Relative to the model file. */
  path?: string;
  /** csv: header name of the target column. Default: the last column. */
  labelColumn?: string;
  /** csv: header names of the numeric input columns. Default: every column except the label. */
  featureColumns?: string[];
  /**
   * images/shapes: expected image size in pixels, [height, width] or one number for squares.
   * Must agree with the model's input shape; images are never resized.
   */
  imageSize?: number | [number, number];
}

export interface LoadContext {
  /** Folder of the model file; relative `path`s resolve against it. */
  baseDir: string;
  /** Folder holding packed assets built by `npm run build` (mnist.bin.gz). */
  assetsDir: string;
  /** The model's input shape without the batch dimension, e.g. [28, 28, 1] or [2]. */
  inputShape: number[];
  task: Task;
  seed: number;
}

/** Per-feature (or per-target) standardisation: model value = (raw − mean) / std. */
export interface Standardisation {
  names: string[];
  /** Units for display, e.g. ['cm']; '' when unknown. */
  units: string[];
  mean: number[];
  std: number[];
}

export interface DataSplit {
  /** `[n, ...inputShape]`, float32. */
  xs: Tensor;
  /**
   * classification: one-hot `[n, classes]`; regression: `[n, k]` (standardised when
   * Dataset.targetScaling is set); segmentation: binary masks `[n, h, w, 1]`. float32.
   */
  ys: Tensor;
  size: number;
}

export interface Dataset {
  source: DataSource;
  task: Task;
  inputShape: number[];
  train: DataSplit;
  validation: DataSplit;
  /**
   * classification: class names in one-hot order; segmentation: mask classes
   * ['background', 'shape']; regression: [].
   */
  classNames: string[];
  /**
   * Aligned with classNames. classification: examples per class; segmentation: mask pixels
   * per class (shows imbalance); regression: [].
   */
  classCounts: { train: number[]; validation: number[] };
  /** Set when xs were standardised (statistics from the training split). */
  featureScaling?: Standardisation;
  /** Set when regression ys were standardised; undo with `unstandardise` to report e.g. kg. */
  targetScaling?: Standardisation;
  /** True when the training targets were permuted (shuffleLabels). */
  labelsShuffled: boolean;
  /** The seed actually used (spec.seed ?? ctx.seed). */
  seed: number;
  /** Disposes every tensor above; safe to call twice. */
  dispose(): void;
}
