import { setTimeout as sleep } from 'node:timers/promises';

export interface ConflictRetryOptions {
  /** Runs in all, the first included. */
  attempts: number;
  /**
   * Also run again after ER_LOCK_WAIT_TIMEOUT (innodb_lock_wait_timeout, 50 s by default): right for
   * background work, too slow for a request someone waits on.
   */
  lockWaitTimeouts?: boolean;
}

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * Runs `transaction` again when InnoDB chose it as a deadlock's victim (and, if asked, when it timed
 * out waiting for a lock), after a short random pause so the same contenders do not meet again at
 * once. `transaction` must roll itself back on failure and have no effect outside the database.
 */
export async function retryOnLockConflict<T>(transaction: () => Promise<T>, options: ConflictRetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      const code = codeOf(error);
      const retryable = code === 'ER_LOCK_DEADLOCK' || (options.lockWaitTimeouts === true && code === 'ER_LOCK_WAIT_TIMEOUT');
      if (!retryable || attempt >= options.attempts) throw error;
      await sleep(5 + Math.random() * 20 * attempt);
    }
  }
}
