import { PROTOCOL_VERSION, type RequestMessage, type RuntimeMethod, type RuntimeMethods, type ToRuntimeMessage } from './protocol';
import type { RuntimeChannel } from './ipc/channel';
import { CancellationToken } from './ipc/cancellation';

/** What a handler gets besides its params: the token that `cancel { id }` of its request cancels. */
export interface RequestContext {
  readonly token: CancellationToken;
  /** Sends a `progress` notification for this request (long work such as robustness curves). */
  readonly progress: (done: number, total: number) => void;
}

/** Methods the server answers itself (it tracks the requests in flight). */
type ServerMethod = 'cancel';
export type HandledMethod = Exclude<RuntimeMethod, ServerMethod>;

/** One handler per request method; each returns that method's result type. */
export type RequestHandlers = {
  [M in HandledMethod]: (params: RuntimeMethods[M]['params'], context: RequestContext) => Promise<RuntimeMethods[M]['result']>;
};

/**
 * Methods `cancel` does not apply to: a training run is ended by `stop` (after the current batch, keeping its
 * files consistent), never by abandoning its request.
 */
const NOT_CANCELLABLE: ReadonlySet<RuntimeMethod> = new Set<RuntimeMethod>(['train']);

/**
 * Answers requests on a channel. Every request gets exactly one response, also when its handler throws; a request
 * cancelled while in flight is answered at once with the error `cancelled`, and its handler's late result dropped.
 */
export function serve(channel: RuntimeChannel, handlers: RequestHandlers): void {
  const inFlight = new Map<number, { readonly method: RuntimeMethod; readonly token: CancellationToken }>();
  const cancel = (id: number): boolean => {
    const request = inFlight.get(id);
    if (!request || NOT_CANCELLABLE.has(request.method)) return false;
    inFlight.delete(id);
    request.token.cancel();
    channel.send({ type: 'response', id, ok: false, error: 'cancelled' });
    return true;
  };
  const answer = async (request: RequestMessage): Promise<void> => {
    if (request.method === 'cancel') {
      channel.send({ type: 'response', id: request.id, ok: true, result: { cancelled: cancel(request.params.id) } });
      return;
    }
    const token = new CancellationToken();
    inFlight.set(request.id, { method: request.method, token });
    let response: Parameters<RuntimeChannel['send']>[0];
    try {
      response = { type: 'response', id: request.id, ok: true, result: await dispatch(handlers, request, {
        token, progress: (done, total) => channel.send({ type: 'progress', id: request.id, done, total }),
      }) };
    } catch (error) {
      response = { type: 'response', id: request.id, ok: false, error: errorLine(error) };
    }
    // A cancelled request was answered already.
    if (inFlight.get(request.id)?.token !== token) return;
    inFlight.delete(request.id);
    channel.send(response);
  };
  channel.onMessage((message: ToRuntimeMessage) => {
    switch (message.type) {
      case 'request':
        void answer(message);
        return;
      default: {
        const unexpected: never = message.type;
        channel.send({ type: 'log', level: 'warn', message: `runtime: unexpected message ${String(unexpected)}` });
      }
    }
  });
  channel.send({ type: 'ready', pid: process.pid, protocolVersion: PROTOCOL_VERSION });
}

function dispatch(
  handlers: RequestHandlers, request: Exclude<RequestMessage, { method: ServerMethod }>, context: RequestContext,
): Promise<RuntimeMethods[RuntimeMethod]['result']> {
  switch (request.method) {
    case 'info':
      return handlers.info(request.params, context);
    case 'train':
      return handlers.train(request.params, context);
    case 'stop':
      return handlers.stop(request.params, context);
    case 'openRun':
      return handlers.openRun(request.params, context);
    case 'featureMaps':
      return handlers.featureMaps(request.params, context);
    case 'examples':
      return handlers.examples(request.params, context);
    case 'closeRun':
      return handlers.closeRun(request.params, context);
    case 'attack':
      return handlers.attack(request.params, context);
    case 'robustness':
      return handlers.robustness(request.params, context);
    case 'evaluate':
      return handlers.evaluate(request.params, context);
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
