/**
 * What a dialled string means, as a pure function over lookups: a feature
 * code, an extension, or nothing this box can reach. Trunk routes (issue:
 * trunks and routing) add outbound patterns here.
 */
import { FEATURE_CODES, type FeatureCode } from './feature-codes.ts';

export type DialTarget =
  | { kind: 'extension'; number: string }
  | { kind: 'feature'; feature: FeatureCode; argument: string }
  | { kind: 'unknown'; reason: 'no_such_number' | 'bad_feature_argument' };

const NUMBER = /^[0-9+#*]{2,32}$/;

export function resolveDialled(dialled: string, isExtension: (number: string) => boolean): DialTarget {
  if (dialled.startsWith('*')) {
    // Longest code first would matter only if codes were prefixes of one another; they are all 3 characters.
    const feature = FEATURE_CODES.find((f) => dialled.startsWith(f.code));
    if (feature) {
      const argument = dialled.slice(feature.code.length);
      if (feature.takesNumber ? !NUMBER.test(argument) : argument !== '') return { kind: 'unknown', reason: 'bad_feature_argument' };
      return { kind: 'feature', feature, argument };
    }
  }
  if (isExtension(dialled)) return { kind: 'extension', number: dialled };
  return { kind: 'unknown', reason: 'no_such_number' };
}
