import { type Catalogue, DEFAULT_LOCALE, isLocale, type Locale, type Message, type MessageKey, type MessageParams, translate } from './catalogue';
import { en } from './en';
import { zhCN } from './zh-CN';

const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'appliance.locale';

/** The current language and the translate function; one instance per app, shared by context. */
export class I18n {
  locale = $state<Locale>(DEFAULT_LOCALE);
  readonly #storage: Storage | null;
  readonly #root: HTMLElement | null;

  constructor(options: { storage: Storage | null; root: HTMLElement | null }) {
    this.#storage = options.storage;
    this.#root = options.root;
    const saved = this.#readSaved();
    this.locale = saved ?? DEFAULT_LOCALE;
    this.#applyLang();
  }

  /** Translates a key; reads `locale`, so markup re-renders when the language changes. */
  t = (key: MessageKey, params?: MessageParams): string => translate(CATALOGUES[this.locale], key, params);

  /** Renders a stored Message (an i18n key, or text already in words, e.g. from the server). */
  render = (message: Message): string => ('key' in message ? this.t(message.key, message.params) : message.text);

  setLocale(locale: Locale): void {
    this.locale = locale;
    this.#applyLang();
    try {
      this.#storage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage may be full or disabled; the choice then lasts for this page only.
    }
  }

  /** Dates as the chosen language writes them. */
  formatDateTime = (iso: string): string => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  };

  #readSaved(): Locale | null {
    try {
      const value = this.#storage?.getItem(STORAGE_KEY);
      return isLocale(value) ? value : null;
    } catch {
      return null;
    }
  }

  #applyLang(): void {
    this.#root?.setAttribute('lang', this.locale);
  }
}
