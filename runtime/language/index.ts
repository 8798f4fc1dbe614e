// Public API of the model-definition language (pure TypeScript: no vscode, no TensorFlow.js).
export * from './types';
export { checkModel } from './check';
export { parseModel, formatOf, modelNameFromFile, type ParsedModel } from './parse';
export type { ParsedLayer, NamedRef } from './parse-layers';
export { LAYER_CATALOG, LAYER_TYPES, COMMON_PARAMS, isLayerType, type LayerDef, type ParamDoc, type LayerBody } from './layer-catalog';
export { suggestName, editDistance } from './suggest';
export { inferOutputShape, convOutputLength, deconvOutputLength, formatShape, type InferResult, type LayerParams } from './infer';
export { countLayer, receptiveField, inputReceptiveField, formatCount, type LayerCounts } from './counts';
export { MODEL_INPUT_ID } from './graph';
export { layerHoverMarkdown, paramHoverMarkdown, layerAt, type HoverSection } from './hover';
export { keyHoverAt, namesDocumentedKey, type KeyHover } from './key-hover';
export { insertLayerBeforeEdit, insertLayerFixes, type InsertableLayer } from './fixes';
export { estimateMemory, memoryDiagnostics, describeEstimate, HARD_LIMIT_SHARE, type MemoryEstimate } from './memory-estimate';
