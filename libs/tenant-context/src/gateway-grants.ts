/** Grants the gateway may hold: the login itself and tenant roles (none it could pass on), nothing on any object. */
const ROLE_NAME = '`[a-z0-9_]+`(?:@`[^`]*`)?';
const GATEWAY_GRANT = new RegExp(`^GRANT (?:USAGE ON \\*\\.\\* TO |${ROLE_NAME}(?:, ?${ROLE_NAME})* TO )`);

/** `SHOW GRANTS FOR CURRENT_USER()` of a gateway: tenant roles only, no privilege of its own, nothing it could pass on. */
export const holdsOnlyTenantRoles = (grants: string[]): boolean =>
  grants.every((grant) => GATEWAY_GRANT.test(grant) && !/ WITH (GRANT|ADMIN) OPTION/.test(grant));
