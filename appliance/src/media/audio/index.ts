/** 8 kHz mono 16-bit audio: WAV in and out, frame sources, conference mixing. */
export * from './decimate-by-two.ts';
export * from './frame-source.ts';
export * from './mixer.ts';
export * from './wav-format.ts';
export * from './wav-format-error.ts';
export * from './wav-reader.ts';
export * from './wav-recorder.ts';
export * from './default-music.ts';
