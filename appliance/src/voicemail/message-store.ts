/**
 * Message and greeting files under the voicemail directory, kept in step
 * with their rows, and the events that follow every change of a mailbox's
 * counts (the message-waiting lamps listen to them).
 *
 *   <voicemail>/<extension>/20260105-090000-1a2b3c.wav     a message
 *   <voicemail>/<extension>/greeting-20260105-090000-….wav  a greeting
 *   <voicemail>/<extension>/….part.wav                      being recorded
 *
 * A recording goes to a `.part.wav` name first and is renamed inside the
 * row's transaction: a crash leaves either both or a stray file, which the
 * sweep removes, never a row without its audio.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { EventBus } from '../events/index.ts';
import { NotFoundError } from '../errors.ts';
import type { Clock, Logger } from '../system/index.ts';
import type { MessageState, NewMessage, VoicemailMessage, VoicemailRepository } from './voicemail-repository.ts';

export type RandomBytes = (size: number) => Uint8Array;

export interface MessageStoreDeps {
  /** The voicemail directory (`<data>/voicemail`). */
  dir: string;
  repository: VoicemailRepository;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  random: RandomBytes;
}

/** A file being recorded for a mailbox: where the audio goes now, and its name once kept. */
export interface Reservation {
  mailbox: string;
  /** Absolute path to record into. */
  temp: string;
  /** Relative to the voicemail directory. */
  relative: string;
}

export type MessageMeta = Omit<NewMessage, 'mailbox' | 'path'>;

const PART = '.part.wav';
/** Stray files younger than this may still be recordings in progress. */
const STRAY_AGE_MS = 24 * 3600_000;
const SWEEP_BATCH = 500;

export class MessageStore {
  private readonly root: string;

  constructor(private readonly deps: MessageStoreDeps) {
    this.root = resolve(deps.dir);
  }

  /** A new message file for `mailbox`; the mailbox's directory is made when missing. */
  reserveMessage(mailbox: string): Reservation {
    return this.reserve(mailbox, '');
  }

  reserveGreeting(mailbox: string): Reservation {
    return this.reserve(mailbox, 'greeting-');
  }

  /** Keeps a recorded message: the file moves to its name and the row is stored together. */
  commitMessage(r: Reservation, meta: MessageMeta): VoicemailMessage {
    const message = this.deps.repository.insertMessage({ ...meta, mailbox: r.mailbox, path: r.relative }, () =>
      renameSync(r.temp, this.absolute(r.relative)),
    );
    this.deps.bus.publish('voicemail.message', {
      mailbox: message.mailbox,
      message_id: message.id,
      caller: message.caller_number,
      caller_name: message.caller_name,
      duration_ms: message.duration_ms,
    });
    this.announce(message.mailbox);
    return message;
  }

  /** Drops a recording that is not kept (too short, the caller went away). */
  discard(r: Reservation): void {
    removeQuietly(r.temp);
  }

  /** Makes a recorded greeting the mailbox's greeting; the previous file goes. */
  commitGreeting(r: Reservation): void {
    renameSync(r.temp, this.absolute(r.relative));
    this.replaceGreeting(r.mailbox, r.relative);
  }

  /** Installs greeting audio given as WAV bytes (an upload, already checked). */
  installGreeting(mailbox: string, wav: Uint8Array): void {
    const r = this.reserveGreeting(mailbox);
    writeFileSync(r.temp, wav);
    this.commitGreeting(r);
  }

  clearGreeting(mailbox: string): void {
    this.replaceGreeting(mailbox, null);
  }

  /** The greeting's file, or null when the mailbox uses the spoken default. */
  greetingFile(mailbox: string): string | null {
    const relative = this.deps.repository.find(mailbox)?.greetingPath ?? null;
    if (relative === null) return null;
    const path = this.absolute(relative);
    return existsSync(path) ? path : null;
  }

  /** The audio of a message; NotFoundError when the row or its file is gone. */
  audioFile(id: number): string {
    const path = this.absolute(this.deps.repository.pathOf(id));
    if (!existsSync(path)) throw new NotFoundError(`audio of voicemail message ${id}`);
    return path;
  }

  markHeard(id: number): void {
    this.deps.repository.markHeard(id);
  }

  setState(id: number, state: MessageState): VoicemailMessage {
    if (this.deps.repository.setState(id, state)) this.announce(this.deps.repository.message(id).mailbox);
    return this.deps.repository.message(id);
  }

  /** Removes the row, then the file: a file that will not go is left to the sweep. */
  delete(id: number): VoicemailMessage {
    const message = this.deps.repository.message(id);
    const path = this.deps.repository.pathOf(id);
    this.deps.repository.deleteMessage(id);
    this.unlink(path);
    this.announce(message.mailbox);
    return message;
  }

  /**
   * Deletes messages older than the retention and files no row points at
   * (a crash between rename and commit, an extension deleted with its
   * mailbox). Returns how many of each went.
   */
  sweep(retentionDays: number): { deleted: number; strays: number } {
    const cutoff = new Date(this.deps.clock.now() - retentionDays * 86_400_000).toISOString();
    const touched = new Set<string>();
    let deleted = 0;
    for (;;) {
      const batch = this.deps.repository.olderThan(cutoff, SWEEP_BATCH);
      for (const m of batch) {
        this.deps.repository.deleteMessage(m.id);
        this.unlink(m.path);
        touched.add(m.mailbox);
      }
      deleted += batch.length;
      if (batch.length < SWEEP_BATCH) break;
    }
    for (const mailbox of touched) this.announce(mailbox);
    return { deleted, strays: this.removeStrays() };
  }

  /** Publishes the mailbox's counts (after any change, and for a lamp that must be refreshed). */
  announce(mailbox: string): void {
    const counts = this.deps.repository.counts(mailbox);
    this.deps.bus.publish('voicemail.mailbox', { mailbox, new: counts.new, saved: counts.saved });
  }

  private reserve(mailbox: string, prefix: string): Reservation {
    if (!/^[0-9]{2,8}$/.test(mailbox)) throw new NotFoundError(`mailbox ${mailbox}`);
    mkdirSync(join(this.root, mailbox), { recursive: true, mode: 0o750 });
    const stamp = new Date(this.deps.clock.now()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const name = `${prefix}${stamp}-${Buffer.from(this.deps.random(4)).toString('hex')}`;
    return { mailbox, temp: join(this.root, mailbox, `${name}${PART}`), relative: `${mailbox}/${name}.wav` };
  }

  private replaceGreeting(mailbox: string, relative: string | null): void {
    const previous = this.deps.repository.setGreeting(mailbox, relative);
    if (previous !== null && previous !== relative) this.unlink(previous);
  }

  /** Resolves a stored relative path, refusing anything that would leave the directory. */
  private absolute(relative: string): string {
    const path = resolve(this.root, relative);
    if (!path.startsWith(this.root + sep)) throw new NotFoundError(`voicemail file ${relative}`);
    return path;
  }

  private unlink(relative: string): void {
    try {
      unlinkSync(this.absolute(relative));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.deps.logger.warn('voicemail file not removed', { path: relative, error });
    }
  }

  private removeStrays(): number {
    if (!existsSync(this.root)) return 0;
    const referenced = this.deps.repository.referencedPaths();
    const oldEnough = this.deps.clock.now() - STRAY_AGE_MS;
    let removed = 0;
    for (const box of readdirSync(this.root)) {
      const boxDir = join(this.root, box);
      if (!statSync(boxDir).isDirectory()) continue;
      for (const name of readdirSync(boxDir)) {
        if (!name.endsWith('.wav') || referenced.has(`${box}/${name}`)) continue;
        const path = join(boxDir, name);
        if (statSync(path).mtimeMs > oldEnough) continue;
        removeQuietly(path);
        removed++;
      }
    }
    return removed;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to do.
  }
}
