import { DomainError } from '@helix/contracts';

export type InternalError = DomainError<'internal', 'TENANT_UNAVAILABLE' | 'SERVICE_NOT_A_ROBOT' | 'SERVICE_NOT_WEB'>;

export const internalErrors = {
  /** The tenant exists but its registry row cannot be turned into an answer just now. */
  tenantUnavailable: (): InternalError =>
    new DomainError('internal', 'TENANT_UNAVAILABLE', 'Cliente temporariamente indisponível. Tente novamente em instantes.'),
  serviceNotARobot: (): InternalError => new DomainError('internal', 'SERVICE_NOT_A_ROBOT', 'Token de serviço sem robô associado.'),
  serviceNotWeb: (): InternalError => new DomainError('internal', 'SERVICE_NOT_WEB', 'Só o serviço web consulta as lojas.'),
};
