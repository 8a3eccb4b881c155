/** The shape of a tenant key, shared by the master (which issues keys) and the robots (which read them). */
export const TENANT_KEY_PATTERN = /^[a-z][a-z0-9_]{2,39}$/;

export const isTenantKey = (value: string): boolean => TENANT_KEY_PATTERN.test(value);
