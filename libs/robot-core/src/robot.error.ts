import { DomainError, domainErrorClass } from '@helix/contracts';

/** Stable codes of what the robots' shared features refuse or fail at. */
export type RobotErrorCode =
  | 'CLIENTE_NOT_FOUND'
  | 'CLIENTE_PHONE_TAKEN'
  | 'CONVERSA_NOT_FOUND'
  | 'CONVERSA_ALREADY_OPEN'
  | 'ITEM_NOT_FOUND'
  | 'FOTO_NOT_FOUND'
  | 'SLOT_TAKEN'
  | 'AI_UNAVAILABLE'
  | 'MASTER_UNAVAILABLE'
  | 'REQUESTS_STILL_RUNNING';

export const RobotError = domainErrorClass<'robot', RobotErrorCode>('robot', 'RobotError');
export type RobotError = InstanceType<typeof RobotError>;

export const clienteNotFound = (id: number) => new RobotError('CLIENTE_NOT_FOUND', `Cliente final ${id} não encontrado.`);

/**
 * A vertical's own resource (a catalogue item, a booking) is missing: its code is the one the
 * robot's definition names (`VEICULO_NOT_FOUND`, `VISITAS_NOT_FOUND`), so the set is open and its
 * owner answers one status for all.
 */
export type ResourceNotFoundError = DomainError<'robot-resource', string>;
export const resourceNotFound = (code: string, message: string): ResourceNotFoundError => new DomainError('robot-resource', code, message);
