import { domainErrorClass } from '@helix/contracts';

export type PainelErrorCode = 'LOJA_INVALIDA';

export const PainelError = domainErrorClass<'painel', PainelErrorCode>('painel', 'PainelError');
export type PainelError = InstanceType<typeof PainelError>;

export const painelErrors = {
  /** The master's own words: it holds the rules of a store's look (logo https:// or /fotos/…, colour #rrggbb). */
  lojaInvalida: (message: string) => new PainelError('LOJA_INVALIDA', message),
};
