import { isApiError, NETWORK_ERROR } from '../shared/api';

const seconds = (n: number) => (n === 1 ? '1 segundo' : `${n} segundos`);

/**
 * What a visitor reads when talking to the store (chat, booking) fails: plan quota, too many
 * messages, store unavailable, robot or network down. Other refusals carry the server's pt-BR message.
 */
export function visitorErrorMessage(error: unknown): string {
  if (!isApiError(error) || error.code === NETWORK_ERROR) return 'Sem conexão com a loja. Verifique sua internet e tente de novo.';
  if (error.code === 'QUOTA_EXCEEDED')
    return 'O atendimento on-line desta loja atingiu o limite do plano por agora. Tente mais tarde ou fale com a loja por telefone.';
  if (error.status === 429)
    return error.retryAfterSeconds
      ? `Muitas mensagens em pouco tempo. Aguarde ${seconds(error.retryAfterSeconds)} e tente de novo.`
      : 'Muitas mensagens em pouco tempo. Aguarde um pouco e tente de novo.';
  if (error.status === 403 && error.code === 'LOJA_INDISPONIVEL') return 'Esta loja está indisponível no momento.';
  if (error.status >= 500) return 'O atendimento da loja está fora do ar agora. Tente de novo em instantes.';
  return error.message;
}
