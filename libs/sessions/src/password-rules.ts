import { z } from 'zod';
import { isCommonPassword } from './common-passwords';
import { sessionsErrors } from './sessions.errors';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** A password being chosen: its length here; the check against common passwords is `assertNotCommonPassword`'s. */
export const newPasswordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);
/** A password being checked at login: any length is worth a (failed) try, up to the cap that bounds hashing work. */
export const loginPasswordSchema = z.string().min(1).max(MAX_PASSWORD_LENGTH);

/** WEAK_PASSWORD for a password found in breach lists (or only digits). */
export function assertNotCommonPassword(password: string): void {
  if (isCommonPassword(password)) throw sessionsErrors.weakPassword();
}
