// Training in the runtime: createTrainer runs model files; buildModel turns a ModelSpec into a tf.LayersModel.
export { createTrainer, type Trainer, type TrainerDeps, type TrainerMessage } from './trainer';
export { buildModel, assertShapesMatch, type BuiltModel, type BuiltModelLayer } from './build-model';
export { checkText, type CheckedText } from './prepare';
export { loadModelWeights, saveModelFiles } from './model-files';
export { latestCheckpoint, type CheckpointState } from './checkpoint';
export { MetricsBatcher, METRICS_INTERVAL_MS, type Clock } from './metrics-batcher';
export { threadCount, trainWorkerScriptBeside } from './parallel/parallel-runner';
