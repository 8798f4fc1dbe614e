import type { RequestMessage, RuntimeMethod, RuntimeMethods, ToRuntimeMessage } from './protocol';
import type { RuntimeChannel } from './ipc/channel';

/** One handler per request method; each returns that method's result type. */
export type RequestHandlers = {
  [M in RuntimeMethod]: (params: RuntimeMethods[M]['params']) => Promise<RuntimeMethods[M]['result']>;
};

/** Answers requests on a channel. Every request gets exactly one response, also when its handler throws. */
export function serve(channel: RuntimeChannel, handlers: RequestHandlers): void {
  channel.onMessage((message: ToRuntimeMessage) => {
    switch (message.type) {
      case 'request':
        void answer(channel, handlers, message);
        return;
      default: {
        const unexpected: never = message.type;
        channel.send({ type: 'log', level: 'warn', message: `runtime: unexpected message ${String(unexpected)}` });
      }
    }
  });
  channel.send({ type: 'ready', pid: process.pid, protocolVersion: 1 });
}

async function answer(channel: RuntimeChannel, handlers: RequestHandlers, request: RequestMessage): Promise<void> {
  try {
    const result = await dispatch(handlers, request);
    channel.send({ type: 'response', id: request.id, ok: true, result });
  } catch (error) {
    channel.send({ type: 'response', id: request.id, ok: false, error: errorLine(error) });
  }
}

function dispatch(handlers: RequestHandlers, request: RequestMessage): Promise<RuntimeMethods[RuntimeMethod]['result']> {
  switch (request.method) {
    case 'info':
      return handlers.info(request.params);
    case 'train':
      return handlers.train(request.params);
    case 'stop':
      return handlers.stop(request.params);
    case 'openRun':
      return handlers.openRun(request.params);
    case 'featureMaps':
      return handlers.featureMaps(request.params);
    case 'closeRun':
      return handlers.closeRun(request.params);
    case 'explain':
      return handlers.explain(request.params);
    case 'maximize':
      return handlers.maximize(request.params);
    case 'cancel':
      return handlers.cancel(request.params);
    default: {
      const unknown: never = request;
      return Promise.reject(new Error(`unknown method ${JSON.stringify(unknown)}`));
    }
  }
}

/** One line for the user: the message of an Error, else its string form. */
export function errorLine(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
