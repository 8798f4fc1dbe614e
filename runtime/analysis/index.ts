// Analyses of trained runs (feature maps now; explanations and attacks build on the same sessions and LayerGraph).
export { LayerGraph, type GraphRun, type RunOptions, type OutputActivation } from './layer-graph';
export { loadRun, loadWeights, readRunSpec, checkpointEpochsOf, weightsFolder, type LoadedRun, type LoadRunOptions } from './run-loader';
export { AnalysisSession } from './session';
export { SessionCache, MAX_LOADED_RUNS, type RunLoader } from './session-cache';
export { resolveInput, checkTensorShape, validationIndex, trueLabel, type ResolvedInput } from './input';
export { readInputFile } from './input-file';
export { featureMaps, checkLayerIds, assertKnownLayers } from './feature-maps';
export { validationPredictions, classProbabilities, type ValidationPredictions } from './predictions';
export { examples, MAX_EXAMPLES_PAGE } from './examples';
