// Seals a subscriber's billing credential for the database (AES-256-GCM) and opens it again.
// A sealed value is `v1.<iv>.<tag>.<ciphertext>`, each part base64url. Keys rotate: values are
// always sealed with the current key; old keys still open what they sealed until it is resealed.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface CredentialBox {
  seal(plain: string): string;
  /** The plain text, or null when the value is malformed, tampered with or under no known key. */
  open(sealed: string): string | null;
  /** Whether the value opens only with an old key, so should be sealed again with the current one. */
  needsReseal(sealed: string): boolean;
}

const version = "v1";
const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;
// The version is authenticated too, so a value cannot be passed off as another format's.
const additionalData = Buffer.from(version);

interface Parts {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

const base64url = /^[A-Za-z0-9_-]*$/;

/** The bytes of one part; undefined unless it is canonical base64url (no two spellings of a value). */
function decodePart(text: string): Buffer | undefined {
  if (!base64url.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

function parse(sealed: unknown): Parts | undefined {
  if (typeof sealed !== "string") return undefined;
  const [prefix, ...encoded] = sealed.split(".");
  if (prefix !== version || encoded.length !== 3) return undefined;
  const [iv, tag, ciphertext] = encoded.map(decodePart);
  if (iv?.length !== ivBytes || tag?.length !== tagBytes || !ciphertext) return undefined;
  return { iv, tag, ciphertext };
}

function decrypt(key: Buffer, { iv, tag, ciphertext }: Parts): string | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: tagBytes });
    decipher.setAAD(additionalData);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

function checkedKey(key: Uint8Array, what: string): Buffer {
  if (key.length !== keyBytes) throw new Error(`${what} must be ${keyBytes} bytes`);
  return Buffer.from(key);
}

export function createCredentialBox(
  key: Uint8Array,
  oldKeys: readonly Uint8Array[] = [],
): CredentialBox {
  const current = checkedKey(key, "the credential key");
  const old = oldKeys.map((oldKey) => checkedKey(oldKey, "an old credential key"));

  const openWith = (keys: Buffer[], parts: Parts) => {
    for (const candidate of keys) {
      const plain = decrypt(candidate, parts);
      if (plain !== null) return plain;
    }
    return null;
  };

  return {
    seal(plain) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv("aes-256-gcm", current, iv, { authTagLength: tagBytes });
      cipher.setAAD(additionalData);
      const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((bytes) =>
        bytes.toString("base64url"),
      );
      return [version, ...parts].join(".");
    },
    open(sealed) {
      const parts = parse(sealed);
      return parts ? openWith([current, ...old], parts) : null;
    },
    needsReseal(sealed) {
      const parts = parse(sealed);
      return !!parts && decrypt(current, parts) === null && openWith(old, parts) !== null;
    },
  };
}
