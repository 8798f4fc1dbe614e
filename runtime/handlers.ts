import type { RequestHandlers } from './server';
import type { RuntimeChannel } from './ipc/channel';
import { BackendSession } from './backend-session';

/** The runtime's request handlers; state (the loaded backend) lives in the session objects they close over. */
export function createHandlers(_channel: RuntimeChannel): RequestHandlers {
  const backend = new BackendSession(__dirname);
  return {
    info: (options) => backend.info(options),
  };
}
