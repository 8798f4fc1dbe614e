// Runs a built model eagerly, layer by layer in file order, in inference mode (dropout off, batch normalisation on
// its moving statistics). Every analysis (feature maps, Grad-CAM, LRP, attacks) goes through this one runner, so
// they all see the same intermediate tensors, can replace any layer's output (gradients then flow from the
// replacement), and get the pre-softmax logits without a second model.
import * as tf from '@tensorflow/tfjs';
import { MODEL_INPUT_ID, type LayerSpec, type ModelSpec } from '../language';
import type { BuiltModel, BuiltModelLayer } from '../training';
import { createLayer } from '../training/layer-factory';

/** Output activations that turn scores into probabilities; analyses take scores from before them. */
export type OutputActivation = 'softmax' | 'sigmoid' | 'linear';

export interface GraphRun {
  /** Every spec layer's output by id, plus `input`; shapes `[batch, ...outputShape]`. */
  readonly outputs: ReadonlyMap<string, tf.Tensor>;
  /** Pre-activation scores of the last layer: `[batch, ...outputShape]` (pre-softmax logits for classification). */
  readonly logits: tf.Tensor;
  /** The model's output (= `outputs.get(outputId)`): probabilities when the output activation is softmax/sigmoid. */
  readonly output: tf.Tensor;
}

export interface RunOptions {
  /** Layer outputs to use instead of computing them (e.g. for ∂S/∂A at a layer: pass A, differentiate w.r.t. it). */
  readonly replace?: ReadonlyMap<string, tf.Tensor>;
  /** Stop after this layer: `logits` and `output` are then that layer's output. */
  readonly until?: string;
}

/**
 * The graph of one built model. Not a tf.LayersModel: it applies the model's own layer objects (same weights) to
 * concrete tensors, so callers may wrap `run` in `tf.grad`/`tf.variableGrads`. Callers own the returned tensors:
 * call `run` inside `tf.tidy` (or dispose them).
 */
export class LayerGraph {
  readonly outputId: string;
  readonly outputActivation: OutputActivation;
  private readonly byId: ReadonlyMap<string, LayerSpec>;
  /** For a final dense/conv layer with a softmax or sigmoid: a linear twin holding copies of its weights. */
  private logitsLayer: tf.layers.Layer | undefined;

  constructor(readonly spec: ModelSpec, readonly built: BuiltModel) {
    const last = spec.layers[spec.layers.length - 1];
    if (!last) throw new Error(`model '${spec.name}' has no layers`);
    this.outputId = last.id;
    this.byId = new Map(spec.layers.map((layer) => [layer.id, layer]));
    this.outputActivation = finalActivation(last);
  }

  /** Layers in file order, with their spec. */
  get layers(): readonly { readonly spec: LayerSpec; readonly built: BuiltModelLayer }[] {
    return this.built.layers.map((built) => ({ spec: this.specOf(built.id), built }));
  }

  /** `x`: `[batch, ...spec.input]`. */
  run(x: tf.Tensor, options: RunOptions = {}): GraphRun {
    const outputs = new Map<string, tf.Tensor>([[MODEL_INPUT_ID, x]]);
    let previous = x;
    let logits: tf.Tensor | undefined;
    const stopAt = options.until ?? this.outputId;
    for (const { id, layer, after } of this.built.layers) {
      const spec = this.specOf(id);
      const inputs = (spec.from ?? [undefined]).map((from) => (from === undefined ? previous : this.required(outputs, from, id)));
      const replaced = options.replace?.get(id);
      let value: tf.Tensor;
      if (replaced) value = replaced;
      else if (id === this.outputId && this.outputActivation !== 'linear' && options.until === undefined) {
        logits = this.preActivation(spec, inputs);
        value = this.outputActivation === 'softmax' ? tf.softmax(logits) : tf.sigmoid(logits);
      } else {
        value = apply(layer, inputs);
        if (after) value = apply(after, [value]);
      }
      outputs.set(id, value);
      previous = value;
      if (id === stopAt) break;
    }
    const output = this.required(outputs, stopAt, stopAt);
    return { outputs, logits: logits ?? output, output };
  }

  /** Pre-softmax scores `[batch, ...outputShape]` of `x`. */
  logits(x: tf.Tensor): tf.Tensor {
    return this.run(x).logits;
  }

  /** Call after loading other weights into the model (e.g. another checkpoint): the logits twin copied the old ones. */
  weightsChanged(): void {
    this.dispose();
  }

  dispose(): void {
    // The twin was built with build(), never apply()d symbolically, so Layer.dispose() refuses it: free its weights.
    for (const weight of this.logitsLayer?.weights ?? []) weight.dispose();
    this.logitsLayer = undefined;
  }

  private specOf(id: string): LayerSpec {
    const spec = this.byId.get(id);
    if (!spec) throw new Error(`layer '${id}' is not in the model file`);
    return spec;
  }

  private required(outputs: ReadonlyMap<string, tf.Tensor>, id: string, user: string): tf.Tensor {
    const tensor = outputs.get(id);
    if (!tensor) throw new Error(`layer '${user}' needs '${id}', which was not computed before it`);
    return tensor;
  }

  /** The last layer's scores before its softmax/sigmoid. */
  private preActivation(spec: LayerSpec, inputs: tf.Tensor[]): tf.Tensor {
    if (spec.type === 'activation') return inputs[0] as tf.Tensor; // a separate softmax layer: its input is the logit
    if (!this.logitsLayer) {
      const main = this.built.layers.find((layer) => layer.id === spec.id)?.layer;
      if (!main || !('activation' in spec)) { // dense and the convolutions
        throw new Error(`layer '${spec.id}' (${spec.type}) cannot give pre-activation scores`);
      }
      const inputShape = (inputs[0] as tf.Tensor).shape.slice(1);
      const twin = createLayer({ ...spec, id: `${spec.id}__logits`, activation: 'linear' }, 0, inputShape).main;
      twin.build([null, ...inputShape]);
      const weights = main.getWeights();
      twin.setWeights(weights);
      this.logitsLayer = twin;
    }
    return apply(this.logitsLayer, inputs);
  }
}

/** softmax/sigmoid when the last layer ends in one (as its `activation` or as a separate activation layer). */
function finalActivation(last: LayerSpec): OutputActivation {
  const fn = last.type === 'activation' ? last.fn
    : 'activation' in last ? last.activation : 'linear';
  return fn === 'softmax' || fn === 'sigmoid' ? fn : 'linear';
}

function apply(layer: tf.layers.Layer, inputs: tf.Tensor[]): tf.Tensor {
  const result = layer.apply(inputs.length === 1 ? (inputs[0] as tf.Tensor) : inputs, { training: false });
  if (result instanceof tf.Tensor) return result;
  throw new Error(`layer '${layer.name}' did not return one tensor`);
}
