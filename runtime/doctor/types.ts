// The training doctor's vocabulary: what it knows about a run's model, and what it says about the run.
import type { MetricRow } from '../protocol';
import type { LayerStatsFile } from '../runs/layer-stats';

/** What the diagnoses need to know about the model file that was trained (read from its spec). */
export interface ModelFacts {
  readonly task: 'classification' | 'regression' | 'segmentation' | 'reconstruction' | 'gan';
  /** Number of classes of a classification model (the output's last dimension); chance accuracy is 1 / classes. */
  readonly classes?: number;
  /** Momentum of the model's batchNormalization layers (the largest); undefined when it has none. */
  readonly batchNormMomentum?: number;
  /** Ids of the layers whose output goes through a ReLU (a relu activation on the layer itself). */
  readonly reluLayerIds: readonly string[];
  readonly optimizer: string;
  readonly learningRate: number;
  /** The optimizer's Keras default learning rate. */
  readonly defaultLearningRate: number;
  /** The model already has a dropout layer. */
  readonly hasDropout: boolean;
}

/** One click that applies the likely cure to the model file. */
export type DoctorFix =
  | { readonly kind: 'setBatchNormMomentum'; readonly momentum: number; readonly title: string }
  | { readonly kind: 'setLearningRate'; readonly learningRate: number; readonly title: string };

export interface DoctorLink {
  readonly label: string;
  readonly url: string;
}

export type DiagnosisKind = 'batchNormStatistics' | 'deadRelus' | 'vanishingGradients' | 'explodingGradients'
  | 'flatLoss' | 'overfitting';

/** A known failure pattern found in a run, in plain words. */
export interface Diagnosis {
  readonly kind: DiagnosisKind;
  /** One line: what is wrong ("Validation accuracy is at chance: batch-norm moving statistics have not converged"). */
  readonly title: string;
  /** Why it happens and what to do, in a few sentences with the run's own numbers. */
  readonly detail: string;
  readonly fix?: DoctorFix;
  readonly links?: readonly DoctorLink[];
}

/** Everything a diagnosis may read: the rows of metrics.jsonl and layer-stats.json (absent until the run ends). */
export interface RunEvidence {
  readonly rows: readonly MetricRow[];
  readonly layerStats?: LayerStatsFile;
  readonly facts: ModelFacts;
}
