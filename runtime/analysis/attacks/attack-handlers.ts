// The runtime's `attack` and `robustness` requests, on the sessions `openRun` loaded. Both are cancellable (the
// server's token is checked between steps and batches); robustness reports progress with its request id.
import type { RequestHandlers } from '../../server';
import type { SessionCache } from '../session-cache';
import { attackExample, robustnessOfRun } from './attack-session';

export type AttackHandlers = Pick<RequestHandlers, 'attack' | 'robustness'>;

export function createAttackHandlers(cache: SessionCache): AttackHandlers {
  return {
    attack: ({ sessionId, ...params }, { token }) => attackExample(cache.get(sessionId), params, token),
    robustness: ({ sessionId, transferFromSessionId, ...params }, { token, progress }) => {
      const surrogate = transferFromSessionId !== undefined ? cache.get(transferFromSessionId) : undefined;
      return robustnessOfRun(cache.get(sessionId), params, surrogate, { token, progress });
    },
  };
}
