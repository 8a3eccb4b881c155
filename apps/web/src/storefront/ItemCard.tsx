import { Link, useLocation } from 'react-router-dom';
import type { Foto } from './catalogue-types';
import { Photo } from './Photo';

export interface ItemCardProps {
  href: string;
  titulo: string;
  /** Line under the title (`Apartamento · Venda`, `2020/2021`). */
  sobretitulo?: string | null;
  preco: string;
  precoNota?: string | null;
  fotos: Foto[];
  detalhes: (string | null | undefined)[];
}

/** One item of the catalogue grid; the whole card is the link to its detail page. */
export function ItemCard({ href, titulo, sobretitulo, preco, precoNota, fotos, detalhes }: ItemCardProps) {
  const location = useLocation();
  const shown = detalhes.filter((detalhe): detalhe is string => Boolean(detalhe));
  return (
    <li className="cartao">
      <Link to={href} state={{ catalogo: location.search }} className="cartao__link">
        <Photo url={fotos[0]?.url} alt="" className="cartao__foto" />
        <div className="cartao__corpo">
          {sobretitulo && <p className="cartao__sobretitulo">{sobretitulo}</p>}
          <h3 className="cartao__titulo">{titulo}</h3>
          <p className="cartao__preco">
            {preco}
            {precoNota && <span className="cartao__preco-nota">{precoNota}</span>}
          </p>
          {shown.length > 0 && (
            <ul className="cartao__detalhes" aria-label="Características">
              {shown.map((detalhe) => (
                <li key={detalhe}>{detalhe}</li>
              ))}
            </ul>
          )}
        </div>
      </Link>
    </li>
  );
}
