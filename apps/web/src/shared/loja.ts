import { createContext, useContext } from 'react';

export type Vertical = 'carros' | 'imoveis';

/** `indisponivel`: suspended or without an active plan; the store shows no catalogue. */
export type StatusLoja = 'aberta' | 'indisponivel';

/** `GET /api/loja`: the public facts of the store the Host names (answered by the web service). */
export interface Loja {
  tenant_key: string;
  nome: string;
  vertical: Vertical;
  status_loja: StatusLoja;
  logo_url: string | null;
  cor_primaria: string | null;
}

export const LojaContext = createContext<Loja | null>(null);

export function useLoja(): Loja {
  const loja = useContext(LojaContext);
  if (!loja) throw new Error('useLoja fora de <LojaContext.Provider>');
  return loja;
}
