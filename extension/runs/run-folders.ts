// Reads run folders for the extension host without blocking it: every read is async, and a file is parsed again
// only when its modification time or size changed (40 runs re-listed cost one `stat` each, not a read and a parse).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MetricRow } from '../../runtime/protocol';
import {
  checkpointEpochs, epochImageEpochs, epochImagesPath, EPOCH_IMAGES_FOLDER, isOrphaned, parseEpochImages, metaPath, metricsPath, layerStatsPath, parseLayerStats, parseMeta, parseMetricLines,
  RUN_FILES, type EpochImages, type LayerStatsFile, type RunEntry, type RunMeta,
} from '../../runtime/runs';

interface Cached { readonly mtimeMs: number; readonly size: number; readonly value: unknown }

/** Parsed files are kept for at most this many paths (the oldest read first are dropped). */
const MAX_CACHED_FILES = 2000;

export class RunFolders {
  private readonly files = new Map<string, Cached>();

  /** Runs in `runsDir` (optionally of one model file), newest first; same rules as `listRuns` in runtime/runs. */
  async listRuns(runsDir: string, modelFile?: string): Promise<RunEntry[]> {
    let names: string[];
    try {
      names = (await readdir(runsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      return [];
    }
    const wanted = modelFile === undefined ? undefined : resolve(modelFile);
    const entries = await Promise.all(names.map(async (name): Promise<RunEntry | undefined> => {
      const runDir = join(runsDir, name);
      const read = await this.meta(runDir);
      if (!read) return undefined;
      const meta: RunMeta = isOrphaned(read)
        ? { ...read, status: 'crashed', message: read.message ?? `its runtime (pid ${String(read.pid)}) is gone` }
        : read;
      return wanted === undefined || resolve(meta.modelFile) === wanted ? { runDir, meta } : undefined;
    }));
    return entries.filter((e): e is RunEntry => e !== undefined)
      .sort((a, b) => b.meta.startedAt.localeCompare(a.meta.startedAt) || b.runDir.localeCompare(a.runDir));
  }

  /** The run's meta.json; undefined when it is missing or not a run's. */
  meta(runDir: string): Promise<RunMeta | undefined> {
    const path = metaPath(runDir);
    return this.cached(path, (text) => parseMeta(text, path));
  }

  /** Every complete row of metrics.jsonl ([] without one). */
  async metrics(runDir: string): Promise<MetricRow[]> {
    return (await this.cached(metricsPath(runDir), parseMetricLines)) ?? [];
  }

  layerStats(runDir: string): Promise<LayerStatsFile | undefined> {
    return this.cached(layerStatsPath(runDir), parseLayerStats);
  }

  /** The run's `spec.yaml` text. */
  spec(runDir: string): Promise<string | undefined> {
    return this.cached(join(runDir, RUN_FILES.spec), (text) => text);
  }

  /** Checkpoint epochs on disk, ascending ([] without any). */
  async checkpoints(runDir: string): Promise<number[]> {
    try {
      return checkpointEpochs(await readdir(join(runDir, RUN_FILES.checkpoints)));
    } catch {
      return [];
    }
  }

  /** Epochs with an `images/epoch-<n>.json` (GAN and reconstruction runs), ascending ([] without any). */
  async epochImageEpochs(runDir: string): Promise<number[]> {
    try {
      return epochImageEpochs(await readdir(join(runDir, EPOCH_IMAGES_FOLDER)));
    } catch {
      return [];
    }
  }

  /** The images saved at the end of `epoch`; undefined when missing or malformed. */
  epochImages(runDir: string, epoch: number): Promise<EpochImages | undefined> {
    const path = epochImagesPath(runDir, epoch);
    return this.cached(path, (text) => parseEpochImages(text, path));
  }

  /** Parses `path` again only when it changed; undefined when it is missing or `parse` throws. */
  private async cached<T>(path: string, parse: (text: string) => T): Promise<T | undefined> {
    try {
      const info = await stat(path);
      const hit = this.files.get(path);
      if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.value as T;
      const value = parse(await readFile(path, 'utf8'));
      this.files.delete(path);
      this.files.set(path, { mtimeMs: info.mtimeMs, size: info.size, value });
      if (this.files.size > MAX_CACHED_FILES) this.files.delete(this.files.keys().next().value ?? '');
      return value;
    } catch {
      return undefined;
    }
  }
}
