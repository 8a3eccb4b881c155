/**
 * `GET /painel/uso` on a robot: this month's usage against the store's plan, as the master counts it
 * (events the robot has not shipped yet are not in it).
 * Written by robot-core's painel service, read by the web app's painel. Types only.
 */
export interface UsoDoMes {
  mes: string;
  plano: { id: number; nome: string } | null;
  assinatura: { status: string; ativa: boolean; data_fim: string | null };
  mensagens: { usadas: number; limite: number | null };
  tokens: { usados: number; limite: number | null };
}
