import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

/**
 * Field-level encryption of PHI columns. The sealed form is
 * `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts), so keys can be rotated
 * without re-encrypting everything at once. The context (patient and column) is
 * bound as additional authenticated data.
 *
 * @implements SR-007, RC-004 -- AES-256-GCM, key injected from the operator's KMS
 */
export class PhiCipher {
  private constructor(
    private readonly key: Buffer,
    readonly keyId: string,
  ) {}

  static fromKey(key: Buffer, keyId: string): PhiCipher {
    if (key.length !== KEY_BYTES) throw new Error(`PHI key must be ${KEY_BYTES} bytes`);
    if (!/^[A-Za-z0-9_.-]{1,32}$/.test(keyId)) throw new Error('invalid PHI key id');
    return new PhiCipher(Buffer.from(key), keyId);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): PhiCipher {
    return PhiCipher.fromKey(Buffer.from(env.PHI_KEY ?? '', 'base64'), env.PHI_KEY_ID ?? 'k1');
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT, this.keyId, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join(':');
  }

  decrypt(sealed: string, context: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new Error('unrecognised PHI ciphertext');
    const [, keyId, iv, tag, body] = parts;
    if (keyId !== this.keyId) throw new Error(`PHI ciphertext uses key ${keyId}, not ${this.keyId}`);
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    // final() throws when the tag does not match: tampered data or wrong context.
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}

/**
 * Power-on self-test, run by `main()` before the service accepts traffic: a round
 * trip must succeed and a ciphertext must not open under a different context.
 *
 * @verifies SR-007 -- start-up self-test of the PHI cipher
 */
export function cipherSelfTest(cipher: PhiCipher): void {
  const probe = 'rpm-self-test';
  const sealed = cipher.encrypt(probe, 'self-test');
  if (cipher.decrypt(sealed, 'self-test') !== probe) {
    throw new Error('PHI cipher self-test failed: round trip');
  }
  let rejected = false;
  try {
    cipher.decrypt(sealed, 'other-context');
  } catch {
    rejected = true;
  }
  if (!rejected) throw new Error('PHI cipher self-test failed: context not authenticated');
}
