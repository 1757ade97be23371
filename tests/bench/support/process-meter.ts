/**
 * CPU and resident memory of the processes a bench measures, read from
 * /proc (utime + stime of all threads, VmRSS). CPU% is per core: 100% is
 * one core of the machine's two.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** A process, or one thread of it. */
export type Task = number | { pid: number; tid: number };

const statPath = (t: Task) => (typeof t === 'number' ? `/proc/${t}/stat` : `/proc/${t.pid}/task/${t.tid}/stat`);

/** CPU seconds a process (or thread) has used so far, or NaN once it is gone. */
export function cpuSeconds(task: Task): number {
  try {
    const fields = readFileSync(statPath(task), 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size in MB (of the whole process for a thread), or NaN once the process is gone. */
export function rssMb(task: Task): number {
  const pid = typeof task === 'number' ? task : task.pid;
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** The first thread of `pid` named `comm` (a Bun Worker's thread is "Worker"), or null. */
export function findThread(pid: number, comm: string): Task | null {
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() === comm) return { pid, tid: Number(tid) };
    }
  } catch {
    // gone
  }
  return null;
}

export interface ProcessFigures {
  cpuPct: number;
  /** RSS at the end of the interval. */
  rssMb: number;
  /** Highest RSS seen while sampling. */
  peakRssMb: number;
}

export interface MeterReport {
  processes: Record<string, ProcessFigures>;
  /** CPU the whole machine used meanwhile, every process included (200% = both cores busy). */
  machineCpuPct: number;
}

/** Busy CPU seconds of the whole machine: every core's time minus idle and I/O wait. */
function machineBusySeconds(): number {
  const cells = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = cells.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - (cells[3] ?? 0) - (cells[4] ?? 0)) / TICKS_PER_SECOND;
}

interface Track {
  task: Task;
  cpu0: number;
  lastCpu: number;
  lastRss: number;
  peakRss: number;
}

/**
 * Measures named processes over an interval: CPU% from the CPU time used
 * between start and stop, RSS sampled every `everyMs`. A process that exits
 * meanwhile keeps the figures of its last sample.
 */
export class ProcessMeter {
  private readonly t0 = performance.now();
  private readonly machine0 = machineBusySeconds();
  private readonly tracks: Map<string, Track>;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(tasks: Record<string, Task>, everyMs = 500) {
    this.tracks = new Map(
      Object.entries(tasks).map(([name, task]) => {
        const cpu = cpuSeconds(task);
        const rss = rssMb(task);
        return [name, { task, cpu0: cpu, lastCpu: cpu, lastRss: rss, peakRss: rss }];
      }),
    );
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  private sample(): void {
    for (const t of this.tracks.values()) {
      const cpu = cpuSeconds(t.task);
      const rss = rssMb(t.task);
      if (Number.isNaN(cpu)) continue;
      t.lastCpu = cpu;
      t.lastRss = rss;
      t.peakRss = Math.max(t.peakRss, rss);
    }
  }

  stop(): MeterReport {
    this.sample();
    clearInterval(this.timer);
    const seconds = (performance.now() - this.t0) / 1000;
    const processes: Record<string, ProcessFigures> = {};
    for (const [name, t] of this.tracks) processes[name] = { cpuPct: (100 * (t.lastCpu - t.cpu0)) / seconds, rssMb: t.lastRss, peakRssMb: t.peakRss };
    return { processes, machineCpuPct: (100 * (machineBusySeconds() - this.machine0)) / seconds };
  }
}
