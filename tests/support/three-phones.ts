/** The three extensions most interop suites register with SIPp, as provisioning YAML and injection rows. */
import { credentialRows } from './sipp.ts';

const PHONES: [number: string, name: string, secret: string][] = [
  ['1001', 'Alice', 'pw-1001-xyz'],
  ['1002', 'Bob', 'pw-1002-xyz'],
  ['1003', 'Carol', 'pw-1003-xyz'],
];

export const THREE_PHONES_YAML = `
admin: { username: admin, password: "Adm1n-pass!" }
extensions:
${PHONES.map(([n, name, secret]) => `  - { number: "${n}", name: "${name}", secret: "${secret}" }`).join('\n')}
`;

export const THREE_PHONES_ROWS = credentialRows(PHONES.map(([n, , secret]) => [n, secret]));
