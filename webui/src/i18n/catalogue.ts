import type { zhCN } from './zh-CN';

/** Every message key; zh-CN is the source of the key set. */
export type MessageKey = keyof typeof zhCN;

/** A full catalogue: every key of zh-CN, and no other. */
export type Catalogue = { readonly [K in MessageKey]: string };

/**
 * A placeholder value: plain text or a number, or another message to translate
 * (an entity name, say, or a ban reason with placeholders of its own).
 */
export type MessageParam = string | number | { key: MessageKey; params?: MessageParams };
export type MessageParams = { readonly [name: string]: MessageParam };

/** Text to show later, in whatever language is current by then. */
export type Message = { key: MessageKey; params?: MessageParams } | { text: string };

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Fills {name} placeholders; unknown placeholders are left as written. */
export function fillPlaceholders(template: string, params?: Readonly<Record<string, string | number>>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A key of one catalogue with its placeholders filled; a placeholder that is a message is translated too. */
export function translate(catalogue: Catalogue, key: MessageKey, params?: MessageParams): string {
  if (!params) return catalogue[key];
  const plain: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    plain[name] = typeof value === 'object' ? translate(catalogue, value.key, value.params) : value;
  }
  return fillPlaceholders(catalogue[key], plain);
}
