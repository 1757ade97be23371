/**
 * Transaction timers (RFC 3261 §17.1.1.1, §17.1.2.2, §17.2.1, §17.2.2 and
 * Table 4 of Appendix A; Timers L and M from RFC 6026 §7.1, §7.2). All
 * durations derive from T1, T2 and T4. On a reliable transport the
 * retransmission timers (A, E, G) are not started (null) and the timers
 * that only wait out retransmissions (D, I, J, K) are zero.
 */

export type TimerName = 'A' | 'B' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'Trying100';

export interface TimerConfig {
  /** Round-trip time estimate (§17.1.1.1), 500 ms by default. */
  t1: number;
  /** Longest retransmit interval for non-INVITE requests and INVITE responses, 4 s by default. */
  t2: number;
  /** Longest time a message stays in the network, 5 s by default. */
  t4: number;
  /** How long an INVITE server transaction waits for the TU's provisional before sending 100 Trying itself (§17.2.1). */
  tryingDelay: number;
}

export const DEFAULT_TIMER_CONFIG: Readonly<TimerConfig> = { t1: 500, t2: 4000, t4: 5000, tryingDelay: 200 };

/** Durations in ms for one transaction on one transport; null means the timer is not started. */
export type TransactionTimers = { readonly [T in TimerName]: number | null } & {
  /** The cap for Timers E and G. */
  readonly t2: number;
};

/** Every timer's duration for a transaction over a reliable or an unreliable transport. */
export function transactionTimers(config: TimerConfig, reliable: boolean): TransactionTimers {
  const { t1, t2, t4 } = config;
  const long = 64 * t1;
  return {
    A: reliable ? null : t1, // §17.1.1.2: INVITE retransmit, doubles
    B: long, // §17.1.1.2: INVITE transaction timeout
    D: reliable ? 0 : Math.max(32_000, long), // §17.1.1.2: at least 32 s for unreliable transports
    E: reliable ? null : t1, // §17.1.2.2: non-INVITE retransmit, doubles up to T2
    F: long, // §17.1.2.2: non-INVITE transaction timeout
    G: reliable ? null : t1, // §17.2.1: INVITE final response retransmit, doubles up to T2
    H: long, // §17.2.1: wait for ACK
    I: reliable ? 0 : t4, // §17.2.1: absorb ACK retransmissions
    J: reliable ? 0 : long, // §17.2.2: absorb non-INVITE request retransmissions
    K: reliable ? 0 : t4, // §17.1.2.2: absorb response retransmissions
    L: long, // RFC 6026 §7.1: absorb INVITE retransmissions after a 2xx
    M: long, // RFC 6026 §7.2: collect 2xx retransmissions and forks
    Trying100: config.tryingDelay,
    t2,
  };
}

/** The next interval of a doubling retransmission timer, capped (Timer E, Timer G). */
export function doubled(previous: number, cap: number = Number.POSITIVE_INFINITY): number {
  return Math.min(previous * 2, cap);
}
