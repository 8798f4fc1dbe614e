/**
 * Typed requests with a response between a panel's webview and the extension, in either direction. Pure TypeScript
 * (no DOM, no vscode): the extension's panel base and the webview's channel both use it, and unit tests drive it with
 * a fake port.
 *
 * Flow: the client sends `rpcRequest { id, method, params }`; the server answers exactly one `rpcResponse` with the
 * same `id` (`ok` + `result`, or `error`), unless the client sent `rpcCancel { id }` first, in which case the server's
 * handler sees its AbortSignal fire and the client has already failed the request with `cancelled`.
 */

/** Methods a side serves: `params` sent, `result` answered. */
export type RpcMethods = Record<string, { params: unknown; result: unknown }>;

export type RpcMessage =
  | { readonly type: 'rpcRequest'; readonly id: number; readonly method: string; readonly params: unknown }
  | { readonly type: 'rpcResponse'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly type: 'rpcResponse'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly type: 'rpcCancel'; readonly id: number };

/** True for any of the three RPC messages with well-typed fields (checked at the boundary, before trusting it). */
export function isRpcMessage(value: unknown): value is RpcMessage {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record['id'] !== 'number') return false;
  switch (record['type']) {
    case 'rpcRequest': return typeof record['method'] === 'string';
    case 'rpcResponse': return record['ok'] === true ? 'result' in record : record['ok'] === false && typeof record['error'] === 'string';
    case 'rpcCancel': return true;
    default: return false;
  }
}

/** The error a request fails with when it was cancelled (by the caller, or replaced under "latest wins"). */
export const CANCELLED = 'cancelled';

export interface RequestOptions {
  /** Fails the request after this long (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * "Latest wins": an older request still in flight with the same key is cancelled (e.g. one per slider), so stale
   * work does not queue.
   */
  readonly latestWins?: string;
  readonly signal?: AbortSignal;
}

interface InFlight {
  readonly method: string;
  readonly latestWins?: string;
  settle(outcome: { ok: true; result: unknown } | { ok: false; error: string }): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Sends requests for the methods `M` the other side serves. `validate` checks each result at the boundary; a result
 * that fails it rejects the request instead of being trusted.
 */
export class RpcClient<M extends RpcMethods> {
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 1;

  constructor(private readonly send: (message: RpcMessage) => void,
    private readonly validate: { readonly [K in keyof M]: (value: unknown) => value is M[K]['result'] }) {}

  request<K extends keyof M & string>(method: K, params: M[K]['params'], options: RequestOptions = {}): Promise<M[K]['result']> {
    if (options.latestWins !== undefined) {
      for (const [id, flight] of this.inFlight) if (flight.latestWins === options.latestWins) this.cancel(id);
    }
    const id = this.nextId++;
    const isResult = this.validate[method] ?? ((_value: unknown): _value is M[K]['result'] => false);
    return new Promise<M[K]['result']>((resolve, reject) => {
      const timer = setTimeout(() => { this.cancel(id, `${method} timed out`); }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const onAbort = () => this.cancel(id);
      options.signal?.addEventListener('abort', onAbort);
      this.inFlight.set(id, {
        method, ...(options.latestWins !== undefined ? { latestWins: options.latestWins } : {}),
        settle: (outcome) => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          this.inFlight.delete(id);
          if (!outcome.ok) reject(new Error(outcome.error));
          else if (isResult(outcome.result)) resolve(outcome.result);
          else reject(new Error(`malformed ${method} result`));
        },
      });
      if (options.signal?.aborted) { this.cancel(id); return; }
      this.send({ type: 'rpcRequest', id, method, params });
    });
  }

  /** Routes a response to its request; false when it answers nothing in flight (cancelled, or unknown). */
  handleResponse(message: Extract<RpcMessage, { type: 'rpcResponse' }>): boolean {
    const flight = this.inFlight.get(message.id);
    if (!flight) return false;
    flight.settle(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
    return true;
  }

  /** Fails every request in flight, e.g. when the other side reloaded or went away. Nothing is sent. */
  failAll(reason: string): void {
    for (const flight of [...this.inFlight.values()]) flight.settle({ ok: false, error: reason });
  }

  get pending(): number { return this.inFlight.size; }

  private cancel(id: number, reason = CANCELLED): void {
    const flight = this.inFlight.get(id);
    if (!flight) return;
    this.send({ type: 'rpcCancel', id });
    flight.settle({ ok: false, error: reason });
  }
}

/** A handler gets validated params and a signal that fires when the caller cancels. */
export type RpcHandlers<M extends RpcMethods> = {
  readonly [K in keyof M]: (params: M[K]['params'], signal: AbortSignal) => Promise<M[K]['result']>;
};

/**
 * Answers requests for the methods `M` this side serves. `validateParams` checks params at the boundary: a request
 * with an unknown method or malformed params is answered with an error and reported to `log`, never handled.
 */
export class RpcServer<M extends RpcMethods> {
  private readonly running = new Map<number, AbortController>();

  constructor(private readonly send: (message: RpcMessage) => void, private readonly handlers: RpcHandlers<M>,
    private readonly validateParams: { readonly [K in keyof M]: (value: unknown) => value is M[K]['params'] },
    private readonly log: (line: string) => void) {}

  handleRequest(message: Extract<RpcMessage, { type: 'rpcRequest' }>): void {
    const method = message.method;
    if (!this.isMethod(method)) {
      this.log(`unknown request method ${JSON.stringify(method)}`);
      this.send({ type: 'rpcResponse', id: message.id, ok: false, error: `unknown method ${message.method}` });
      return;
    }
    const isParams = this.validateParams[method];
    const handler = this.handlers[method];
    if (!isParams || !handler || !isParams(message.params)) {
      this.log(`malformed params for ${method}: ${JSON.stringify(message.params)?.slice(0, 200) ?? ''}`);
      this.send({ type: 'rpcResponse', id: message.id, ok: false, error: `malformed ${method} params` });
      return;
    }
    const controller = new AbortController();
    this.running.set(message.id, controller);
    void handler(message.params, controller.signal).then(
      (result) => { if (!controller.signal.aborted) this.send({ type: 'rpcResponse', id: message.id, ok: true, result }); },
      (error: unknown) => {
        if (!controller.signal.aborted) this.send({ type: 'rpcResponse', id: message.id, ok: false, error: errorText(error) });
      },
    ).finally(() => this.running.delete(message.id));
  }

  handleCancel(message: Extract<RpcMessage, { type: 'rpcCancel' }>): void {
    this.running.get(message.id)?.abort();
    this.running.delete(message.id);
  }

  /** Aborts every handler still running (the caller went away); their answers are dropped. */
  abortAll(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }

  private isMethod(method: string): method is keyof M & string {
    return Object.prototype.hasOwnProperty.call(this.handlers, method);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
