import type { DomainError } from '@helix/contracts';

/** A code's HTTP status; or, for the rare code whose status depends on the error (its cause), a choice. */
export type ErrorStatus = number | ((error: DomainError) => number);

/** An owner's codes, each with its status; one status for them all when the set is open (codes named by configuration). */
type OwnerStatuses<E extends DomainError> = string extends E['code'] ? ErrorStatus : { readonly [Code in E['code']]: ErrorStatus };

/**
 * An app's one table from domain errors to HTTP statuses: per owner (a lib, or a feature of the
 * app), a status for each of its codes. `E` is the union of the error types the app can meet, so a
 * code without a status, or a status for no code, does not compile.
 */
export type ErrorStatuses<E extends DomainError> = { readonly [Owner in E['owner']]: OwnerStatuses<Extract<E, { owner: Owner }>> };

/** How an app answers errors that are not libs/http's own. */
export interface ErrorAnswers {
  /** Its ErrorStatuses table. */
  statuses: { readonly [owner: string]: ErrorStatus | { readonly [code: string]: ErrorStatus } };
  /** Reads other errors as domain errors: MySQL's, classified by @helix/db (libs/http knows nothing of MySQL). */
  classify?: (error: unknown) => DomainError | undefined;
}
