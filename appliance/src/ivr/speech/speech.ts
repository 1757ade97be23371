/**
 * What IVR flows and voicemail need from text-to-speech: a WAV file that
 * speaks a text, and the files that read a value out (digits, a number, an
 * amount in yuan, a date, a time) in Chinese or English. The files are
 * 8 kHz mono 16-bit PCM, ready for the media engine's player.
 */

export type SpeechLanguage = 'zh' | 'en';

export type SayKind = 'digits' | 'number' | 'amount' | 'date' | 'time';

export interface Speech {
  /** A file speaking `text`; rendered once per text and language, then served from the cache. */
  text(text: string, language: SpeechLanguage): Promise<string>;
  /**
   * Files that, played in order, read `value` out. Values: digits "13800138000";
   * number "1205" or "-3.5"; amount in yuan "1234.50"; date "2026-11-22";
   * time "14:05" or "14:05:30". Throws SpeechInputError for a value that is not of its kind.
   */
  say(kind: SayKind, value: string, language: SpeechLanguage): Promise<string[]>;
}
