/**
 * The tables of a carros tenant database made from the templates (base and carros series), with the
 * migration runner's bookkeeping: what onboarding creates and what an upgraded old tenant must match.
 */
export const CARROS_TENANT_TABLES = [
  '_migration_lease',
  '_quota_mes',
  '_quota_reservas',
  '_schema_migrations',
  '_usage_outbox',
  'agendamentos',
  'car_images',
  'cars',
  'conversations',
  'customers',
  'equipe_sessoes_encerradas',
  'equipe_usuarios',
  'mensagens',
  'visitantes',
] as const;
