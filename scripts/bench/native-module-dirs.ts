// Where the bench looks for the native rungs' packages (@tensorflow/tfjs-node and -gpu), so that the
// `tensorflow` and `cuda` rungs are measured whenever they load, with no code change:
//   - LAYERLENS_NODE_MODULES (path-delimited), as the `layerlens` CLI reads it;
//   - the folder `LayerLens: Install GPU Runtime` installs into (<globalStorage>/gpu-runtime/node_modules) for
//     VS Code, VS Code Insiders, VSCodium and code-server, where it exists;
//   - the repository's own node_modules (selectBackend searches it by default).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const EXTENSION_ID = 'layerlens.layerlens';

/** User-data folders ("…/User") of the VS Code flavours on this platform. */
function userDataDirs(): string[] {
  const home = homedir();
  const flavours = ['Code', 'Code - Insiders', 'VSCodium'];
  const base = process.platform === 'win32'
    ? process.env.APPDATA ?? join(home, 'AppData', 'Roaming')
    : process.platform === 'darwin' ? join(home, 'Library', 'Application Support') : process.env.XDG_CONFIG_HOME ?? join(home, '.config');
  return [...flavours.map((flavour) => join(base, flavour, 'User')), join(home, '.local', 'share', 'code-server', 'User')];
}

/** Existing folders to search for the native packages, in priority order. */
export function nativeModuleDirs(): string[] {
  const fromEnv = (process.env.LAYERLENS_NODE_MODULES ?? '').split(delimiter).filter(Boolean);
  const installed = userDataDirs().map((dir) => join(dir, 'globalStorage', EXTENSION_ID, 'gpu-runtime', 'node_modules'));
  return [...fromEnv, ...installed.filter((dir) => existsSync(dir))];
}
