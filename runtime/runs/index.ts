// Run folders on disk: create, update and read them. Pure Node (no TensorFlow.js), so the extension host can
// import the readers to list runs and to mark runs crashed when the runtime dies.
export { writeFileAtomic, writeJsonAtomic } from './atomic-write';
export { removeStaleTemp, removeStaleTempInRuns } from './stale-temp';
export { pruneCheckpoints, type RetentionResult } from './checkpoint-retention';
export { RUN_FILES, MODEL_FILES, checkpointDir, checkpointEpochs } from './run-files';
export { createRunDir, runIdOf, runTimestamp, folderSafeName } from './run-dir';
export { readMeta, parseMeta, writeMeta, writeFinalMeta, markCrashed, isOrphaned, metaPath, type RunMeta, type RunDataSummary } from './meta';
export { MetricsWriter, readMetrics, parseMetricLines, truncateMetrics, metricsPath } from './metrics-file';
export { listRuns, type RunEntry } from './list-runs';
export { readLayerStats, parseLayerStats, writeLayerStats, layerStatsPath, type LayerStats, type LayerStatsFile } from './layer-stats';
export { parseEpochImages, epochImagesPath, epochImageEpochs, EPOCH_IMAGES_FOLDER, type EpochImages } from './epoch-images-file';
