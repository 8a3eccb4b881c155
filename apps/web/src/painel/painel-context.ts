import { createContext, useContext } from 'react';
import type { Loja } from '../shared/loja';
import type { PainelVertical } from './catalogue-fields';
import type { Usuario } from './painel-types';

export interface Painel {
  usuario: Usuario;
  loja: Loja;
  vertical: PainelVertical;
  isOwner: boolean;
}

export const PainelContext = createContext<Painel | null>(null);

export function usePainel(): Painel {
  const painel = useContext(PainelContext);
  if (!painel) throw new Error('usePainel fora do painel');
  return painel;
}

export const SUFFIX = 'Painel';
