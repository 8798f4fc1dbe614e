// One loaded run that analyses work on: its spec, model (as a LayerGraph), data, class names and the range the
// input data lives in (attacks clip to it). Switching the checkpoint epoch only swaps weights, so an epoch slider
// does not reload the data set.
import type { Dataset } from '../data';
import type { LayerSpec, ModelCheck, ModelSpec, Task } from '../language';
import type { AnalysisLayer, OpenRunResult } from '../protocol';
import { clipRangeOf } from './clip-range';
import { LayerGraph } from './layer-graph';
import { checkpointEpochsOf, loadWeights, weightsFolder, type LoadedRun } from './run-loader';

export class AnalysisSession {
  readonly runDir: string;
  readonly spec: ModelSpec;
  readonly check: ModelCheck;
  readonly graph: LayerGraph;
  readonly dataset: Dataset;
  readonly task: Task;
  /** Class names in output order (classification), mask classes (segmentation), [] (regression). */
  readonly classNames: readonly string[];
  /** The model input without the batch dimension, e.g. `[28, 28, 1]`. */
  readonly inputShape: readonly number[];
  /**
   * `[min, max]` that input values live in: `[0, 1]` for images; for other data the smallest and largest value of
   * the training inputs (after standardisation, so in model space). Perturbed inputs are clipped to it.
   */
  readonly clipRange: readonly [number, number];
  private loadedEpoch: number | null;
  private availableEpochs: readonly number[];
  private generation = 0;
  private disposed = false;

  /** Takes ownership of `run` (disposed with the session). */
  static async open(id: string, run: LoadedRun): Promise<AnalysisSession> {
    return new AnalysisSession(id, run, await clipRangeOf(run.dataset));
  }

  private constructor(readonly id: string, private readonly run: LoadedRun, clipRange: readonly [number, number]) {
    this.runDir = run.runDir;
    this.spec = run.spec;
    this.check = run.check;
    this.dataset = run.dataset;
    this.task = run.spec.task;
    this.classNames = run.dataset.classNames;
    this.inputShape = run.spec.input;
    this.graph = new LayerGraph(run.spec, run.built);
    this.clipRange = clipRange;
    this.loadedEpoch = run.epoch;
    this.availableEpochs = run.epochs;
  }

  /** The checkpoint epoch whose weights are loaded, or null for the final model. */
  get epoch(): number | null {
    return this.loadedEpoch;
  }

  /** Checkpoint epochs on disk when the session was opened or last switched, ascending. */
  get epochs(): readonly number[] {
    return this.availableEpochs;
  }

  /** Bumped whenever the weights change; caches of model outputs compare it. */
  get weightsGeneration(): number {
    return this.generation;
  }

  /** Loads other weights (a checkpoint epoch, or `undefined` for the final model) into the same model. */
  switchEpoch(epoch: number | undefined): void {
    this.assertOpen();
    this.availableEpochs = checkpointEpochsOf(this.runDir); // a run still training gains checkpoints
    const weights = weightsFolder(this.runDir, epoch, this.availableEpochs);
    if (weights.epoch === this.loadedEpoch) return;
    loadWeights(this.run.built.model, weights.dir);
    this.graph.weightsChanged();
    this.loadedEpoch = weights.epoch;
    this.generation++;
  }

  /** Layer ids in file order, for error messages. */
  get layerIds(): readonly string[] {
    return this.spec.layers.map((layer) => layer.id);
  }

  layerSpec(id: string): LayerSpec | undefined {
    return this.spec.layers.find((layer) => layer.id === id);
  }

  /** What `openRun` answers. */
  describe(): OpenRunResult {
    const layers: AnalysisLayer[] = this.check.layers.map((info) => ({
      id: info.id, type: info.type, outputShape: info.outputShape ?? [], range: info.range,
    }));
    return {
      sessionId: this.id, runDir: this.runDir, epoch: this.loadedEpoch, layers, inputShape: this.inputShape,
      task: this.task, classNames: this.classNames, validationCount: this.dataset.validation.size, epochs: this.availableEpochs,
    };
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  assertOpen(): void {
    if (this.disposed) throw new Error(`analysis session ${this.id} was closed; open the run again`);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.graph.dispose();
    this.run.dispose();
  }
}
