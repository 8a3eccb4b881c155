import { decimalOf, moneyText, wholeNumberOf } from '../backoffice/numbers';
import type { Plano } from './console-types';

/** A plan as typed in the form: text in the inputs, money in reais with a comma (`199,90`). */
export interface PlanForm {
  nome: string;
  preco: string;
  limite_mensagens: string;
  limite_tokens: string;
}

export interface PlanBody {
  nome: string;
  /** Centavos de BRL, what the master stores. */
  preco_mensal: number;
  limite_mensagens: number;
  limite_tokens: number;
}

const MAX_PRECO_CENTAVOS = 100_000_000;
const MAX_MENSAGENS = 1_000_000_000;
const MAX_TOKENS = 1_000_000_000_000;

export const planFormOf = (plano: Plano): PlanForm => ({
  nome: plano.nome,
  preco: moneyText(plano.preco_mensal / 100),
  limite_mensagens: String(plano.limite_mensagens),
  limite_tokens: String(plano.limite_tokens),
});

export const EMPTY_PLAN: PlanForm = { nome: '', preco: '', limite_mensagens: '', limite_tokens: '' };

/** The form's problems by field (the same bounds as the master's schema), or the body to send. */
export function validatePlan(form: PlanForm): { problems: Partial<Record<keyof PlanForm, string>>; body?: PlanBody } {
  const problems: Partial<Record<keyof PlanForm, string>> = {};
  const nome = form.nome.trim();
  if (nome.length < 2 || nome.length > 100) problems.nome = 'Use de 2 a 100 caracteres.';
  const reais = decimalOf(form.preco);
  const preco = reais === null ? null : Math.round(reais * 100);
  if (preco === null) problems.preco = 'Informe o preço em reais, ex.: 199,90.';
  else if (preco > MAX_PRECO_CENTAVOS) problems.preco = 'No máximo R$ 1.000.000,00 por mês.';
  const mensagens = wholeNumberOf(form.limite_mensagens);
  if (mensagens === null || mensagens > MAX_MENSAGENS) problems.limite_mensagens = 'Use um número inteiro de 0 a 1.000.000.000.';
  const tokens = wholeNumberOf(form.limite_tokens);
  if (tokens === null || tokens > MAX_TOKENS) problems.limite_tokens = 'Use um número inteiro de 0 a 1.000.000.000.000.';
  if (Object.keys(problems).length > 0) return { problems };
  return { problems, body: { nome, preco_mensal: preco!, limite_mensagens: mensagens!, limite_tokens: tokens! } };
}
