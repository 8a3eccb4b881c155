export { LoginThrottle, slowdownMs } from './login-throttle';
export type { LoginLimits } from './login-throttle';
export {
  assertNotCommonPassword,
  loginPasswordSchema,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  newPasswordSchema,
} from './password-rules';
export { SessionTokens } from './session-tokens';
export type { IssuedToken, ReadToken, SessionTokensOptions } from './session-tokens';
export { sessionsErrors } from './sessions.errors';
export type { SessionsError, SessionsErrorCode } from './sessions.errors';
export { INVITE_TOKEN_PATTERN, inviteTokenHash, newInvite } from './invite-tokens';
export type { NewInvite } from './invite-tokens';
export { InviteMailer, inviteMailerFor, inviteMessage } from './invite-mailer';
export type { InviteEmailOutcome, InviteMail, SmtpSettings } from './invite-mailer';
