import type { MessageKey } from '../../i18n/catalogue';

const BUILTIN_LABELS: Readonly<Record<string, MessageKey>> = {
  admin: 'role.admin',
  supervisor: 'role.supervisor',
  agent: 'role.agent',
};

/** Built-in roles in the current language; roles an admin added keep their own name. */
export function roleLabel(name: string, t: (key: MessageKey) => string): string {
  const key = BUILTIN_LABELS[name];
  return key ? t(key) : name;
}
