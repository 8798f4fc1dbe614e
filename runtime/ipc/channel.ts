import type { FromRuntimeMessage, ToRuntimeMessage } from '../protocol';

/** How the runtime talks to its parent. The server takes this interface so unit tests can run it in-process. */
export interface RuntimeChannel {
  send(message: FromRuntimeMessage): void;
  onMessage(handler: (message: ToRuntimeMessage) => void): void;
  /** Called when the parent goes away (IPC closed): the runtime must not outlive the extension host. */
  onDisconnect(handler: () => void): void;
}

/** The channel of a process started with `child_process.fork`. */
export function processChannel(proc: NodeJS.Process = process): RuntimeChannel {
  if (!proc.send) throw new Error('the runtime must be started with an IPC channel (child_process.fork)');
  const send = proc.send.bind(proc);
  return {
    send: (message) => { if (proc.connected) send(message); },
    onMessage: (handler) => { proc.on('message', (m) => handler(m as ToRuntimeMessage)); },
    onDisconnect: (handler) => { proc.on('disconnect', handler); },
  };
}
