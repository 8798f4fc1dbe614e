// Loads optional native packages (@tensorflow/tfjs-node, -gpu) that may be absent, installed in node_modules,
// or installed later by the extension into a folder of its own (global storage). Folders are searched in
// order, then the runtime's own node_modules. Resolution and loading are separate steps so "not installed"
// can be told apart from "installed but its native library failed to load".
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type OptionalModule =
  | { readonly type: 'loaded'; readonly module: unknown; readonly resolvedPath: string }
  | { readonly type: 'missing' }
  | { readonly type: 'failed'; readonly resolvedPath: string; readonly error: Error };

function requireFrom(dir: string): NodeRequire {
  // createRequire needs a file path; the file itself need not exist.
  return createRequire(join(dir, 'layerlens-resolver.js'));
}

function runtimeRequire(): NodeRequire | undefined {
  // CommonJS bundles (the runtime and the tests) have __filename; an ES module build would not.
  return typeof __filename === 'string' ? createRequire(__filename) : undefined;
}

function resolveIn(req: NodeRequire, packageName: string): string | undefined {
  try {
    return req.resolve(packageName);
  } catch {
    return undefined;
  }
}

/** Resolves and requires `packageName` from `searchDirs`, then (unless told not to) from the runtime's node_modules. */
export function loadOptionalModule(packageName: string, searchDirs: readonly string[], searchRuntimeModules = true): OptionalModule {
  const requirers = [...searchDirs.map(requireFrom), searchRuntimeModules ? runtimeRequire() : undefined].filter((r): r is NodeRequire => r !== undefined);
  for (const req of requirers) {
    const resolvedPath = resolveIn(req, packageName);
    if (resolvedPath === undefined) continue;
    try {
      return { type: 'loaded', module: req(resolvedPath) as unknown, resolvedPath };
    } catch (error) {
      return { type: 'failed', resolvedPath, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }
  return { type: 'missing' };
}

/** The version field of an installed package's package.json (resolved from the runtime), if readable. */
export function installedPackageVersion(packageName: string): string | undefined {
  const req = runtimeRequire();
  if (req === undefined) return undefined;
  try {
    const manifest = req(`${packageName}/package.json`) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}
