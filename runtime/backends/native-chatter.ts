// Native libraries' own stderr lines, told apart from ours. Dawn (the `webgpu` package) prints its warnings with
// fprintf straight to fd 2 ("Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to
// 16 …" on every adapter it opens), and so does the Vulkan loader; no JavaScript in the same process can filter fd 2.
// So the process that owns the other end of the pipe filters them: the extension (runtime children's stderr) and the
// CLI's parent (runtime/cli/quiet-stderr.ts). Pure: no TensorFlow.js, no vscode, so either side can import it.

/** True when the user asked for the libraries' own diagnostics (`layerlens.verbose`, or LAYERLENS_VERBOSE=1). */
export function verboseOutput(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LAYERLENS_VERBOSE === '1' || env.LAYERLENS_VERBOSE === 'true';
}

const NATIVE_CHATTER: readonly RegExp[] = [
  /^Warning: /, // Dawn's dawn::WarningLog (Node's own warnings read "(node:PID) Warning: …" and are kept)
  /^(WARNING|INFO|DEBUG|PERF): \[Loader Message\]/, // the Vulkan loader (VK_LOADER_DEBUG output)
  /^vkCreateInstance: /, // the loader's "vkCreateInstance: Found no drivers!"
  /^WARNING: lavapipe is not a conformant vulkan implementation/, // Mesa's software Vulkan
];

/** One stderr line (without its newline) that a native library printed on its own. */
export function isNativeChatter(line: string): boolean {
  return NATIVE_CHATTER.some((pattern) => pattern.test(line));
}

/**
 * Splits a byte stream's text into lines and passes on every line that is not native chatter, unchanged and with its
 * newline; `verbose` passes everything. A partial last line waits for the next chunk or `end()`.
 */
export class NativeChatterFilter {
  private pending = '';

  constructor(private readonly write: (text: string) => void, private readonly verbose = false) {}

  push(chunk: string): void {
    if (this.verbose) { this.write(chunk); return; }
    const text = this.pending + chunk;
    const lastNewline = text.lastIndexOf('\n');
    this.pending = text.slice(lastNewline + 1);
    if (lastNewline < 0) return;
    const kept = text.slice(0, lastNewline + 1).split(/(?<=\n)/).filter((line) => !isNativeChatter(line.replace(/\r?\n$/, '')));
    if (kept.length > 0) this.write(kept.join(''));
  }

  end(): void {
    const rest = this.pending;
    this.pending = '';
    if (rest !== '' && !isNativeChatter(rest)) this.write(rest);
  }
}
