/** Text-to-speech for IVR prompts and `say` nodes: espeak-ng, an 8 kHz file cache, values read from fragments. */
export * from './espeak-speech.ts';
export * from './espeak-tts.ts';
export * from './resample.ts';
export * from './say-en.ts';
export * from './say-value.ts';
export * from './say-zh.ts';
export * from './speech.ts';
export * from './speech-errors.ts';
export * from './trim-silence.ts';
export * from './tts-cache.ts';
export * from './tts-engine.ts';
export * from './wav-port.ts';
