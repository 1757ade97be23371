/**
 * The forms a Chinese number arrives in. Carriers and phones send the same
 * subscriber as `+8657188886666`, `008657188886666`, `057188886666` or, from
 * the same city, `88886666`; rules written in one form must match the others.
 */

/** A fixed line after +86: Beijing 10 + 7-8 digits, or an area code 2x / 3xx-9xx (not a 400/800 business number). */
const FIXED_AFTER_86 = /^(10[2-9][0-9]{6,7}|(?![48]00)[2-9][0-9]{8,10})$/;
const LOCAL = /^[2-9][0-9]{6,7}$/;

/** The domestic dialling form of a +86 / 0086 number; other numbers unchanged. */
export function nationalForm(number: string): string {
  const rest = number.startsWith('+86') ? number.slice(3) : number.startsWith('0086') ? number.slice(4) : null;
  if (rest === null || rest === '') return number;
  // After the country code a fixed line (area codes 10, 2x-9xx) gets back its trunk prefix 0; mobiles and 1xx services stand alone.
  return FIXED_AFTER_86.test(rest) ? `0${rest}` : rest;
}

/**
 * Every form worth matching a rule against: as received, in domestic form,
 * and — for a local number without area code — with the box's own area code.
 */
export function numberForms(number: string, homeAreaCode: string | null): string[] {
  const national = nationalForm(number);
  const forms = [number, national];
  if (homeAreaCode && LOCAL.test(national)) forms.push(`${homeAreaCode}${national}`);
  return [...new Set(forms)];
}
