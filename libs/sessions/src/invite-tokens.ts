import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what an invite link carries (43 characters). */
export const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface NewInvite {
  /** Shown once, in the link; never stored. */
  token: string;
  /** What is stored and looked up: SHA-256 of the token, hex. */
  hash: string;
  expiresAt: Date;
}

/** The hash an invite is stored under: a leaked table row does not open the invite. */
export const inviteTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A one-time invite (set a password, then sign in), valid for `ttlSeconds` from `now`. */
export function newInvite(now: Date, ttlSeconds: number): NewInvite {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: inviteTokenHash(token), expiresAt: new Date(now.getTime() + ttlSeconds * 1000) };
}
