import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are hashed with argon2id (@node-rs/argon2: a prebuilt native binding shipped inside the registry
 * package, no compiler or download at install; ~10 ms per hash here at its defaults m=19 MiB, t=2, p=1, the
 * OWASP minimum). Tokens are 256 random bits; only their SHA-256 is stored, so a leaked database gives no
 * usable token (a slow hash buys nothing for 256-bit random secrets).
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A strong generated password: 20 characters from a 56-letter alphabet without look-alikes (≈116 bits). */
export function generatePassword(random: (n: number) => Uint8Array = randomBytes): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  while (out.length < 20) {
    for (const byte of random(32)) {
      // Rejection sampling keeps every letter equally likely.
      if (byte < 224 && out.length < 20) out += alphabet[byte % 56];
    }
  }
  return out;
}

/** A new API/device/session token: `lc_` + 43 base64url characters (256 bits). */
export function generateToken(random: (n: number) => Uint8Array = randomBytes): string {
  return `lc_${Buffer.from(random(32)).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Login names: letters (any script), digits, `.`, `_`, `-`; no `:` (reserved for `team:NAME` grants). */
export const USER_NAME = /^[\p{L}\p{N}._-]{1,64}$/u;
export const TEAM_NAME = /^[\p{L}\p{N}._ -]{1,64}$/u;
