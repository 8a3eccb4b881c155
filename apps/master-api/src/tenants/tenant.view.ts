import type { TenantRecord } from '@helix/tenant-ops';

/** What admins see of a tenant: never its credentials or key hash. */
export function toTenantView(row: TenantRecord) {
  return {
    id: row.id,
    tenant_key: row.tenant_key,
    nome: row.nome,
    dominio: row.dominio,
    robo_tipo: row.robo_tipo,
    status: row.status,
    database_name: row.database_name,
    db_host: row.db_host,
    db_port: row.db_port,
    api_key_prefix: row.api_key_prefix,
    logo_url: row.logo_url,
    cor_primaria: row.cor_primaria,
    criado_em: row.criado_em,
  };
}
export type TenantView = ReturnType<typeof toTenantView>;
