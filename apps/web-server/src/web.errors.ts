import { DomainError } from '@helix/contracts';

export type WebErrorCode =
  | 'TENANT_NOT_FOUND'
  | 'MASTER_UNAVAILABLE'
  | 'LOJA_INDISPONIVEL'
  | 'ORIGEM_INVALIDA'
  | 'ROBO_INDISPONIVEL'
  | 'MASTER_INDISPONIVEL'
  | 'PAYLOAD_TOO_LARGE'
  | 'ROUTE_NOT_FOUND'
  | 'APP_NOT_BUILT';

export type WebError = DomainError<'web', WebErrorCode>;

const webError = (code: WebErrorCode, message: string): WebError => new DomainError('web', code, message);

/** What the web service itself refuses with, besides the Host rules of libs/tenant-context. */
export const webErrors = {
  lojaNotFound: (name: string) => webError('TENANT_NOT_FOUND', `Loja '${name}' não encontrada.`),
  masterUnavailable: () => webError('MASTER_UNAVAILABLE', 'Não foi possível consultar a loja agora. Tente novamente em instantes.'),
  lojaIndisponivel: () => webError('LOJA_INDISPONIVEL', 'Esta loja está indisponível no momento.'),
  origemInvalida: () => webError('ORIGEM_INVALIDA', 'Requisição de outra origem recusada.'),
  roboIndisponivel: () => webError('ROBO_INDISPONIVEL', 'A loja não respondeu. Tente novamente em instantes.'),
  masterIndisponivel: () => webError('MASTER_INDISPONIVEL', 'O painel administrativo não respondeu. Tente novamente em instantes.'),
  payloadTooLarge: () => webError('PAYLOAD_TOO_LARGE', 'O corpo da requisição excede o tamanho permitido.'),
  routeNotFound: () => webError('ROUTE_NOT_FOUND', 'Rota não encontrada.'),
  appNotBuilt: () => webError('APP_NOT_BUILT', 'O aplicativo web ainda não foi gerado. Tente novamente em instantes.'),
};
