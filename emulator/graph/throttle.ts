import type { EmulatorState, Traffic } from '../state';
import { GraphError } from './http';
import { Rng } from '../scenario/prng';

/**
 * Exchange Online's limits for one app on one mailbox: at most N requests in flight and at most
 * M requests in any ten minutes, beyond which it answers 429 with Retry-After. Also records the
 * highest concurrency seen, so product tests can prove they stay within the limit.
 */

const faultRng = new Rng(20240501);

export function trafficOf(state: EmulatorState, appId: string, userId: string): Traffic {
  const key = `${appId}|${userId}`;
  let traffic = state.traffic.get(key);
  if (!traffic) {
    traffic = {
      appId,
      userId,
      requests: 0,
      throttled: 0,
      inFlight: 0,
      maxConcurrent: 0,
      deltaRounds: { newestFirst: 0, unordered: 0 },
      minutes: [],
    };
    state.traffic.set(key, traffic);
  }
  return traffic;
}

/** Admits a request or throws the 429 Exchange would send; the caller must call the release. */
export function admit(state: EmulatorState, appId: string, userId: string): () => void {
  const traffic = trafficOf(state, appId, userId);
  traffic.requests++;
  const minute = Math.floor(Date.now() / 60_000);
  traffic.minutes = traffic.minutes.filter(([m]) => m > minute - 10);
  const recent = traffic.minutes.reduce((n, [, c]) => n + c, 0);
  if (recent >= state.limits.requestsPer10Min) {
    traffic.throttled++;
    const oldest = traffic.minutes[0]![0];
    const retryAfter = Math.max(1, Math.ceil(((oldest + 10) * 60_000 - Date.now()) / 1000));
    throw new GraphError(429, 'TooManyRequests', 'Please retry again later.', {
      'Retry-After': String(retryAfter),
    });
  }
  if (traffic.inFlight >= state.limits.concurrentPerMailbox) {
    traffic.throttled++;
    throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', {
      'Retry-After': '1',
    });
  }
  const last = traffic.minutes[traffic.minutes.length - 1];
  if (last && last[0] === minute) last[1]++;
  else traffic.minutes.push([minute, 1]);
  traffic.inFlight++;
  traffic.maxConcurrent = Math.max(traffic.maxConcurrent, traffic.inFlight);
  let released = false;
  return () => {
    if (!released) traffic.inFlight--;
    released = true;
  };
}

export type FaultOutcome = 'drop' | 'none';

/** Injected trouble from PUT /_emulator/faults: latency first, then a drop, a 429 or a 503. */
export async function injectFaults(
  state: EmulatorState,
  appId: string,
  userId: string | undefined,
): Promise<FaultOutcome> {
  const faults = state.faults;
  if (!faults) return 'none';
  if (faults.mailboxes && (!userId || !faults.mailboxes.includes(userId))) return 'none';
  if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
  const roll = faultRng.next();
  const drop = faults.rateDrop ?? 0;
  const r429 = faults.rate429 ?? 0;
  const r503 = faults.rate503 ?? 0;
  if (roll < drop) return 'drop';
  if (roll < drop + r429) {
    if (userId) trafficOf(state, appId, userId).throttled++;
    throw new GraphError(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': '2' });
  }
  if (roll < drop + r429 + r503) {
    throw new GraphError(
      503,
      'ServiceNotAvailable',
      'The service is temporarily unavailable. Please retry later.',
      {
        'Retry-After': '2',
      },
    );
  }
  return 'none';
}
