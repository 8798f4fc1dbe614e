import type { RequestHandlers } from './server';
import type { RuntimeChannel } from './ipc/channel';
import { BackendSession } from './backend-session';

/** The runtime's request handlers; state (the loaded backend) lives in the session objects they close over. */
export function createHandlers(channel: RuntimeChannel): RequestHandlers {
  const backend = new BackendSession(__dirname, (line) => channel.send({ type: 'log', level: 'info', message: `backend: ${line}` }));
  return {
    info: (options) => backend.info(options),
  };
}
