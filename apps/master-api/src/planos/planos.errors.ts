import { DomainError } from '@helix/contracts';

export type PlanosError = DomainError<'planos', 'PLANO_NOT_FOUND' | 'PLANO_NAME_TAKEN' | 'PLANO_IN_USE'>;

export const planosErrors = {
  notFound: (id: number): PlanosError => new DomainError('planos', 'PLANO_NOT_FOUND', `Plano ${id} não encontrado.`),
  nameTaken: (nome: string | undefined): PlanosError =>
    new DomainError('planos', 'PLANO_NAME_TAKEN', `Já existe um plano chamado '${nome}'.`),
  inUse: (): PlanosError =>
    new DomainError('planos', 'PLANO_IN_USE', 'Este plano tem assinaturas e não pode ser excluído; desative-o (ativo: false).'),
};
