/**
 * Encryption at rest for secrets the box must be able to read back: SIP
 * passwords (digest auth needs HA1 for each realm and algorithm, and trunks
 * need the plain secret to authenticate to a carrier), and provisioning
 * export. AES-256-GCM with a per-box key file (mode 0600) beside the
 * database, so a copied database file alone reveals no password.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../errors.ts';

const PREFIX = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends AppError {
  constructor(message: string) {
    super('secret_box', message);
  }
}

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Uint8Array): SecretBox {
    if (key.length !== KEY_BYTES) throw new SecretBoxError(`key must be ${KEY_BYTES} bytes`);
    return new SecretBox(Buffer.from(key));
  }

  /** Loads the key file, creating it (owner-only) on first start. */
  static fromKeyFile(path: string): SecretBox {
    if (!existsSync(path)) {
      writeFileSync(path, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
    }
    return SecretBox.fromKey(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'));
  }

  /** A stable key for another purpose (e.g. SIP nonces), derived so the box key itself never leaves this class. */
  deriveKey(label: string): Buffer {
    return createHmac('sha256', this.key).update(`appliance:${label}`).digest();
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}:${iv.toString('base64')}:${body.toString('base64')}`;
  }

  open(sealed: string): string {
    const [prefix, ivText, bodyText] = sealed.split(':');
    if (prefix !== PREFIX || !ivText || !bodyText) throw new SecretBoxError('not a sealed secret');
    const body = Buffer.from(bodyText, 'base64');
    if (body.length < TAG_BYTES) throw new SecretBoxError('sealed secret too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(ivText, 'base64'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('secret does not open with this box key (wrong key file?)');
    }
  }
}
