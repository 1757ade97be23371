/**
 * Telephony signal processing through spandsp (FFI): in-band DTMF detection
 * and DTMF tone generation. The rest of the appliance sees TypeScript only.
 */
export { DspError, type DspErrorCode } from './dsp-error.ts';
export { type DtmfToneOptions, generateDtmf } from './dtmf-tone-generator.ts';
export { InbandDtmfDetector, type InbandDtmfOptions } from './inband-dtmf-detector.ts';
export { openSpandsp, SPANDSP_DEBIAN_PACKAGE, SPANDSP_LIBRARY, type SpandspHandle, type SpandspLibrary } from './spandsp-library.ts';
