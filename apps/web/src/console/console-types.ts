/** The master-api answers the console reads (apps/master-api/src/*: views and services). */
import type { RobotVertical, TenantStatus } from '@helix/contracts';
import type { InviteEmail } from '../backoffice/InviteEmailNotice';

export type { TenantStatus };
export type AdminRole = 'admin' | 'viewer';
export type Vertical = RobotVertical;
export type AssinaturaStatus = 'pending' | 'active' | 'past_due' | 'cancelled' | 'expired';

export interface Admin {
  id: number;
  email: string;
  nome: string;
  role: AdminRole;
}

export interface Tenant {
  id: number;
  tenant_key: string;
  nome: string;
  dominio: string | null;
  robo_tipo: Vertical;
  status: TenantStatus;
  api_key_prefix: string | null;
  logo_url?: string | null;
  cor_primaria?: string | null;
  criado_em: string;
}

export interface Page<T> {
  data: T[];
  page: number;
  per_page: number;
  total: number;
}

export interface Onboarded {
  tenant: Tenant;
  api_key: string;
  /** The owner's one-time link to set a password (when onboarding created an owner). */
  convite_url?: string | null;
  /** Whether the master also e-mailed that link (only when it runs with SMTP_URL). */
  convite_email?: InviteEmail;
  assinatura: (Partial<Assinatura> & { id: number; checkout_url?: string | null }) | null;
}

export interface RotatedKey {
  tenant_key: string;
  api_key: string;
  api_key_prefix: string;
}

export interface Plano {
  id: number;
  nome: string;
  /** Centavos de BRL. */
  preco_mensal: number;
  limite_mensagens: number;
  limite_tokens: number;
  ativo: boolean;
  criado_em: string;
}

export interface Assinatura {
  id: number;
  tenant_key: string;
  plano: { id: number; nome: string; preco_mensal: number };
  status: AssinaturaStatus;
  ativa: boolean;
  data_inicio: string | null;
  data_fim: string | null;
  checkout_url: string | null;
  criado_em: string;
  atualizado_em: string;
}

export interface AssinaturaEvento {
  de: string | null;
  para: string;
  origem: string;
  autor: string | null;
  motivo: string | null;
  em: string;
}

export interface UsoMes {
  tenant_key: string;
  mes: string;
  mensagens_usadas: number;
  tokens_usados: number;
  limite_mensagens: number | null;
  limite_tokens: number | null;
  percentual_mensagens: number | null;
  percentual_tokens: number | null;
  plano: { id: number; nome: string } | null;
}

export interface Resumo {
  tenants: {
    total: number;
    por_status: Record<'active' | 'suspended', number>;
    por_robo_tipo: Record<string, { active: number; suspended: number; total: number }>;
  };
  assinaturas: {
    ativas: number;
    por_status: Record<AssinaturaStatus, number>;
    por_plano: { plano_id: number; nome: string; assinaturas: number; mrr_centavos: number }[];
  };
  mrr_centavos: number;
}

export interface UsoPorTenant {
  tenant_key: string;
  nome: string;
  robo_tipo: Vertical;
  mensagens: number;
  tokens: number;
  percentual_mensagens: number | null;
  percentual_tokens: number | null;
}

export interface UsoAnalytics {
  mes: string;
  total: { tenants: number; mensagens: number; tokens: number };
  por_robo_tipo: { robo_tipo: Vertical; tenants: number; mensagens: number; tokens: number }[];
  por_tenant: Page<UsoPorTenant>;
}

export const VERTICAL_LABEL: Record<Vertical, string> = { carros: 'Carros', imoveis: 'Imóveis' };

export const TENANT_STATUS_LABEL: Record<TenantStatus, string> = {
  provisioning: 'Em criação',
  active: 'Ativo',
  suspended: 'Suspenso',
  deleted: 'Excluído',
};

export const ASSINATURA_STATUS_LABEL: Record<AssinaturaStatus, string> = {
  pending: 'Pendente',
  active: 'Ativa',
  past_due: 'Em atraso',
  cancelled: 'Cancelada',
  expired: 'Expirada',
};
