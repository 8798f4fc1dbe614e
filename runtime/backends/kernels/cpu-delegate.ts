// Runs a kernel that a backend lacks on the cpu backend instead, copying inputs there and outputs back.
// Used for kernels that only rarely sit on a training hot path (depthwise-conv gradients, UnsortedSegmentSum
// for embedding gradients on wasm), where a data copy is cheap next to a "Kernel ... not registered" error.
import { engine, getKernel } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

/** Builds a kernel function that computes `kernelName` with the cpu backend's kernel. */
export function makeCpuDelegate(kernelName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const target = backend as KernelBackend;
    const cpuKernel = getKernel(kernelName, 'cpu');
    if (cpuKernel === undefined) throw new Error(`Kernel '${kernelName}' not registered for backend 'cpu'`);
    const cpu = engine().findBackend('cpu');
    if (cpu === null) throw new Error(`cpu backend unavailable to compute '${kernelName}'`);

    const cpuInputs: NamedTensorInfoMap = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info === undefined) continue;
      cpuInputs[name] = { dataId: cpu.write(target.readSync(info.dataId), info.shape, info.dtype), shape: info.shape, dtype: info.dtype };
    }
    try {
      const cpuOutput = cpuKernel.kernelFunc({ inputs: cpuInputs, backend: cpu, attrs });
      const cpuOutputs = Array.isArray(cpuOutput) ? cpuOutput : [cpuOutput];
      const outputs: TensorInfo[] = cpuOutputs.map((out) => {
        const copied = { dataId: target.write(cpu.readSync(out.dataId), out.shape, out.dtype), shape: out.shape, dtype: out.dtype };
        cpu.disposeData(out.dataId);
        return copied;
      });
      const [single] = outputs;
      return outputs.length === 1 && single !== undefined ? single : outputs;
    } finally {
      for (const info of Object.values(cpuInputs)) if (info !== undefined) cpu.disposeData(info.dataId);
    }
  };
}
