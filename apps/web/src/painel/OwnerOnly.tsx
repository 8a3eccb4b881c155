import type { ReactNode } from 'react';
import { PageHeading } from '../backoffice/PageHeading';
import { SUFFIX, usePainel } from './painel-context';

/** Pages only the store's owner has; a seller who types the address gets a clear message (the robot refuses with 403 anyway). */
export function OwnerOnly({ children }: { children: ReactNode }) {
  const { isOwner } = usePainel();
  if (isOwner) return children;
  return (
    <>
      <PageHeading title="Sem permissão" suffix={SUFFIX}>
        Sem permissão
      </PageHeading>
      <p role="alert" className="bo-aviso bo-aviso--erro">
        Esta página é só do dono da loja. Peça a ele se precisar mudar algo aqui.
      </p>
    </>
  );
}
