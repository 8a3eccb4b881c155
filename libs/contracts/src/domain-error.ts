/** What an answer may need besides a code and a message: data each edge turns into its own terms (HTTP headers, a CLI line). */
export interface DomainErrorExtras {
  /** For the client, as `error.details`. */
  details?: unknown;
  /** Trying again sooner is pointless (HTTP: Retry-After). */
  retryAfterSeconds?: number;
  /** The credential the client must present (HTTP: WWW-Authenticate). */
  challenge?: 'Bearer';
  /** A refusal that comes in floods (rate limits): counted and summarised elsewhere, not logged one by one. */
  quiet?: boolean;
  cause?: unknown;
}

/**
 * What libraries and services throw: a stable English code that clients and scripts match on, a
 * pt-BR message for people, details. `owner` is the lib or app feature whose list the code belongs
 * to: each app's edge looks the HTTP status up by owner and code, in one table.
 */
export class DomainError<Owner extends string = string, Code extends string = string> extends Error {
  readonly details: unknown;
  readonly retryAfterSeconds?: number;
  readonly challenge?: 'Bearer';
  readonly quiet: boolean;

  constructor(
    readonly owner: Owner,
    readonly code: Code,
    message: string,
    extras: DomainErrorExtras = {},
  ) {
    super(message, extras.cause === undefined ? undefined : { cause: extras.cause });
    this.name = 'DomainError';
    this.details = extras.details;
    this.retryAfterSeconds = extras.retryAfterSeconds;
    this.challenge = extras.challenge;
    this.quiet = extras.quiet ?? false;
  }
}

/**
 * The error class of one owner (a lib or one of its features): `new RobotError(code, message,
 * extras)`, its owner fixed and its codes typed; `instanceof` and the log name tell owners apart.
 */
export function domainErrorClass<Owner extends string, Code extends string>(owner: Owner, name: string) {
  return class extends DomainError<Owner, Code> {
    constructor(code: Code, message: string, extras?: DomainErrorExtras) {
      super(owner, code, message, extras);
      this.name = name;
    }
  };
}
