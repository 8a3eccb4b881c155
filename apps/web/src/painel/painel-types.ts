/** The store's robot answers the back-office reads (libs/robot-core: equipe, clientes, conversas, bookings). */

export type Papel = 'dono' | 'vendedor';

export interface Usuario {
  id: number;
  email: string;
  nome: string;
  papel: Papel;
  ativo?: boolean;
  /** Invited, has not set a password yet. */
  convite_pendente?: boolean;
}

export interface Paginacao {
  page: number;
  per_page: number;
  total: number;
}

export interface Cliente {
  id: number;
  telefone: string | null;
  nome: string | null;
  email: string | null;
  criado_em: string;
}

export type ConversaStatus = 'novo' | 'em_andamento' | 'negociando' | 'fechado' | 'perdido';

export interface Conversa {
  id: number;
  cliente_id: number;
  status: ConversaStatus;
  ultima_mensagem: string | null;
  ultima_interacao: string | null;
  criado_em: string;
}

export interface Mensagem {
  id: number;
  tipo: 'recebida' | 'enviada';
  conteudo: string;
  enviada_em: string;
}

export type BookingStatus = 'pendente' | 'confirmado' | 'realizado' | 'cancelado';

export interface Booking {
  id: number;
  cliente_id: number;
  veiculo_id?: number | null;
  imovel_id?: number | null;
  tipo?: string | null;
  data_agendada: string;
  status: BookingStatus;
  observacoes: string | null;
  criado_em: string;
}

export const CONVERSA_STATUS_LABEL: Record<ConversaStatus, string> = {
  novo: 'Nova',
  em_andamento: 'Em andamento',
  negociando: 'Negociando',
  fechado: 'Fechada',
  perdido: 'Perdida',
};

export const BOOKING_STATUS_LABEL: Record<BookingStatus, string> = {
  pendente: 'Pendente',
  confirmado: 'Confirmado',
  realizado: 'Realizado',
  cancelado: 'Cancelado',
};

export const PAPEL_LABEL: Record<Papel, string> = { dono: 'Dono', vendedor: 'Vendedor' };
