import { DomainError } from '@helix/contracts';

export type PainelErrorCode = 'LOJA_INVALIDA';

export class PainelError extends DomainError<'painel', PainelErrorCode> {
  constructor(code: PainelErrorCode, message: string) {
    super('painel', code, message);
    this.name = 'PainelError';
  }
}

export const painelErrors = {
  /** The master's own words: it holds the rules of a store's look (logo https:// or /fotos/…, colour #rrggbb). */
  lojaInvalida: (message: string) => new PainelError('LOJA_INVALIDA', message),
};
