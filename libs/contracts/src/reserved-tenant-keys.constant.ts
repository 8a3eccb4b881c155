/** Keys that would collide with our own hostnames (`<key>.vendeai.com`) or confuse operators. */
export const RESERVED_TENANT_KEYS: ReadonlySet<string> = new Set([
  'www', 'api', 'admin', 'master', 'mail', 'app', 'apps', 'smtp', 'imap', 'pop', 'ftp', 'ns1', 'ns2', 'mx',
  'root', 'static', 'cdn', 'assets', 'docs', 'status', 'support', 'suporte', 'help', 'ajuda', 'billing',
  'helix', 'helixai', 'vendeai', 'internal', 'dev', 'staging', 'prod', 'test', 'demo', 'localhost',
  'dashboard', 'painel', 'blog', 'login', 'auth', 'webhooks', 'metrics', 'health', 'ready', 'mysql',
]);
