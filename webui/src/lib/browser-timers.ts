/** Runs `run` once after `ms`; returns a function that cancels it. */
export type Schedule = (run: () => void, ms: number) => () => void;

/** Runs `run` every `ms`; returns a function that stops it. */
export type Repeat = (run: () => void, ms: number) => () => void;

type TimerHost = Pick<Window, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>;

/** The browser's timers in the shape the app's classes take, so tests can pass fakes instead. */
export function browserTimers(host: TimerHost): { schedule: Schedule; repeat: Repeat } {
  return {
    schedule: (run, ms) => {
      const timer = host.setTimeout(run, ms);
      return () => host.clearTimeout(timer);
    },
    repeat: (run, ms) => {
      const timer = host.setInterval(run, ms);
      return () => host.clearInterval(timer);
    },
  };
}
