import type { Message } from '../../i18n/catalogue';
import { describeError } from '../../lib/api/describe-error';
import type { FeatureCode } from '../../lib/api/types';

/** The feature codes the dial plan knows; they change only with a new release, so they are read once. */
export class FeatureCodeList {
  items = $state.raw<readonly FeatureCode[]>([]);
  loading = $state(true);
  error = $state<Message | null>(null);
  readonly #source: { featureCodes(): Promise<FeatureCode[]> };

  constructor(source: { featureCodes(): Promise<FeatureCode[]> }) {
    this.#source = source;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.items = await this.#source.featureCodes();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  }
}

/** A dialling example for codes that take a number: the first such code followed by an extension. */
export function numberExample(items: readonly FeatureCode[], number = '1003'): string | null {
  const code = items.find((item) => item.takes_number)?.code;
  return code === undefined ? null : `${code}${number}`;
}
