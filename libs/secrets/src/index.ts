export { SecretBox } from './secret-box';
export { hashPassword, verifyPassword, generatePassword, UNMATCHABLE_PASSWORD_HASH } from './passwords';
export { generateApiKey, hashApiKey, apiKeyMatches, secretsEqual } from './api-keys';
