/**
 * The thin shell every transaction shares: holds the state, feeds inputs to
 * the pure `step`, runs timer effects on the injected Scheduler and hands the
 * others to its owner. Inputs that arrive while effects run (a transport
 * error reported during `send`) are queued and handled afterwards, so
 * effects of one step never interleave with those of another.
 */
import type { Logger, Scheduler, Timer } from '../../system/index.ts';
import type { Effect } from './transaction-effect.ts';
import { timerFired } from './transaction-input.ts';
import type { TimerName } from './timer-values.ts';
import type { Step } from './transition-table.ts';

export interface RunnerOptions<S extends string, I extends { kind: string }> {
  start: Step<S>;
  step: (state: S, input: I) => Step<S>;
  scheduler: Scheduler;
  logger: Logger;
  /** Runs every effect except timers and termination. */
  perform: (effect: Effect) => void;
  onTerminated: () => void;
}

export class TransactionRunner<S extends string, I extends { kind: string }> {
  private current: S;
  private readonly timers = new Map<TimerName, Timer>();
  private readonly queue: I[] = [];
  private busy = false;
  private started = false;
  private disposed = false;

  constructor(private readonly options: RunnerOptions<S, I>) {
    this.current = options.start.state;
  }

  /** A disposed (retired) machine reads as Terminated: nothing more will happen in it. */
  get state(): S {
    return this.disposed ? ('Terminated' as S) : this.current;
  }

  get terminated(): boolean {
    return this.disposed || this.current === 'Terminated';
  }

  /** Stops the machine where it is: timers cancelled, later inputs and timer starts ignored. */
  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  /** Runs the entry effects (send the request, start the timers). */
  begin(): void {
    if (this.started) return;
    this.started = true;
    this.run(() => this.execute(this.options.start.effects));
  }

  /** Feeds an input; an `InvalidTransition` is thrown to the caller (a TU bug). */
  feed(input: I): void {
    if (this.terminated) {
      this.options.logger.debug('input after termination dropped', { input: input.kind });
      return;
    }
    if (this.busy) {
      this.queue.push(input);
      return;
    }
    this.run(() => this.apply(input));
  }

  /** Feeds an input from the network or a timer: errors are logged, never thrown. */
  feedQuietly(input: I): void {
    try {
      this.feed(input);
    } catch (error) {
      this.options.logger.error('transaction input failed', { input: input.kind, state: this.current, error });
    }
  }

  private run(first: () => void): void {
    this.busy = true;
    try {
      first();
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        const input = next;
        if (this.terminated) this.options.logger.debug('input after termination dropped', { input: input.kind });
        else this.quietly(input.kind, () => this.apply(input));
      }
    } finally {
      this.busy = false;
    }
  }

  private apply(input: I): void {
    const { state, effects } = this.options.step(this.current, input);
    this.current = state;
    this.execute(effects);
  }

  private execute(effects: Effect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'startTimer':
          this.startTimer(effect.timer, effect.ms);
          break;
        case 'cancelTimer':
          this.timers.get(effect.timer)?.cancel();
          this.timers.delete(effect.timer);
          break;
        case 'terminated':
          for (const timer of this.timers.values()) timer.cancel();
          this.timers.clear();
          this.quietly('terminated', this.options.onTerminated);
          break;
        default:
          this.quietly(effect.kind, () => this.options.perform(effect));
      }
    }
  }

  private startTimer(name: TimerName, ms: number): void {
    if (this.disposed) return;
    this.timers.get(name)?.cancel();
    const timer = this.options.scheduler.after(ms, () => {
      this.timers.delete(name);
      this.feedQuietly(timerFired(name, ms) as unknown as I);
    });
    this.timers.set(name, timer);
  }

  private quietly(what: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.options.logger.error('transaction effect failed', { effect: what, state: this.current, error });
    }
  }
}
