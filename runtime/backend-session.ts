import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendSelection } from './backends';
import type { BackendOptions, RuntimeInfo } from './protocol';

/**
 * Loads a TensorFlow.js backend once per set of options (the ladder is slow to climb: it probes CUDA and WebGPU)
 * and describes it. A failed selection is forgotten, so the next request tries again.
 */
export class BackendSession {
  private selected: Promise<BackendSelection> | undefined;
  private selectedFor = '';

  /**
   * @param wasmDir folder holding the tfjs-backend-wasm binaries (next to the bundle); undefined: the installed package's.
   * @param log receives one line per ladder step, for the Output channel.
   */
  constructor(private readonly wasmDir: string | undefined, private readonly log: (line: string) => void) {}

  select(options: BackendOptions): Promise<BackendSelection> {
    const key = JSON.stringify(options);
    if (!this.selected || this.selectedFor !== key) {
      this.selectedFor = key;
      this.selected = selectBackend({ ...options, ...(this.wasmDir !== undefined ? { wasmDir: this.wasmDir } : {}), log: this.log });
      this.selected.catch(() => { this.selected = undefined; });
    }
    return this.selected;
  }

  async info(options: BackendOptions): Promise<RuntimeInfo> {
    const selection = await this.select(options);
    return {
      ...selection, pid: process.pid, tfjsVersion: tf.version.tfjs,
      versions: { node: process.versions.node, ...selection.versions }, tensors: tf.memory().numTensors,
    };
  }
}
