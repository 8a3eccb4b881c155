import { DomainError } from '@helix/contracts';

export type AssinaturasError = DomainError<
  'assinaturas',
  'ASSINATURA_NOT_FOUND' | 'PLANO_NOT_FOUND' | 'EMAIL_PAGADOR_REQUIRED' | 'INVALID_TRANSITION' | 'CONCURRENT_CHANGE'
>;

export const assinaturasErrors = {
  notFound: (id: number): AssinaturasError => new DomainError('assinaturas', 'ASSINATURA_NOT_FOUND', `Assinatura ${id} não encontrada.`),
  /** The plan a new subscription names: unlike GET /planos/:id, a reference in the body. */
  planoUnavailable: (id: number): AssinaturasError =>
    new DomainError('assinaturas', 'PLANO_NOT_FOUND', `Plano ${id} não existe ou está inativo.`),
  emailPagadorRequired: (): AssinaturasError =>
    new DomainError('assinaturas', 'EMAIL_PAGADOR_REQUIRED', 'Informe email_pagador: o Mercado Pago precisa dele para criar o checkout.'),
  invalidTransition: (from: string, to: string): AssinaturasError =>
    new DomainError('assinaturas', 'INVALID_TRANSITION', `Uma assinatura '${from}' não pode passar para '${to}'.`),
  concurrentChange: (message: string): AssinaturasError => new DomainError('assinaturas', 'CONCURRENT_CHANGE', message),
};
