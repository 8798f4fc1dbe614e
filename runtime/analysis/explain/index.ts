// Explanations of a prediction (Grad-CAM family, input gradients, Integrated Gradients, LRP) and activation
// maximization; every method is a pure function of (graph, input, class, options) that returns plain data.
export * from './class-score';
export * from './grad-cam';
export * from './cam';
export * from './input-gradients';
export * from './integrated-gradients';
export * from './lrp-rules';
export * from './lrp';
export * from './maximize';
export * from './explain-input';
export * from './chunked-sum';
