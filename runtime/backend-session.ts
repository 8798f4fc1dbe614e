import * as tf from '@tensorflow/tfjs';
import type { BackendOptions, RuntimeInfo } from './protocol';

/** Loads a TensorFlow.js backend once per preference and describes it. */
export class BackendSession {
  private selected: Promise<RuntimeInfo> | undefined;
  private selectedFor = '';

  /** @param assetsDir folder holding the wasm binaries (next to the bundle). */
  constructor(private readonly assetsDir: string) {}

  info(options: BackendOptions): Promise<RuntimeInfo> {
    const key = JSON.stringify(options);
    if (!this.selected || this.selectedFor !== key) {
      this.selectedFor = key;
      this.selected = this.select(options);
      this.selected.catch(() => { this.selected = undefined; });
    }
    return this.selected;
  }

  private async select(_options: BackendOptions): Promise<RuntimeInfo> {
    await tf.setBackend('cpu');
    return {
      pid: process.pid, tfjsVersion: tf.version.tfjs, backend: 'cpu', tfBackendName: tf.getBackend(),
      device: 'cpu', software: false, reasons: [], versions: { node: process.versions.node, tfjs: tf.version.tfjs },
    };
  }
}
