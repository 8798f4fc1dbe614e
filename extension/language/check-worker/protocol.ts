// Messages between the extension host and the checker worker (types only).
import type { ModelCheck } from '../../../runtime/language';

/** Host → worker: check `text` as the model file `fileName`. `id` pairs the answer with its request. */
export interface CheckRequest {
  readonly id: number;
  readonly text: string;
  readonly fileName: string;
  /** The machine's memory in bytes (os.totalmem()): checks warn when training would take too much of it. */
  readonly totalMemory: number;
}

/** Worker → host: the check of request `id`, or why it could not be made. */
export type CheckResponse =
  | { readonly id: number; readonly ok: true; readonly check: ModelCheck }
  | { readonly id: number; readonly ok: false; readonly message: string };
