/** An item's price and facts on its detail page; facts without a value are left out. */
export function Ficha({ preco, precoNota, linhas }: { preco: string; precoNota?: string | null; linhas: [string, string | null][] }) {
  return (
    <>
      <p className="detalhe__preco">
        {preco}
        {precoNota && <span className="detalhe__preco-nota">{precoNota}</span>}
      </p>
      <dl className="ficha">
        {linhas
          .filter((linha): linha is [string, string] => Boolean(linha[1]))
          .map(([nome, valor]) => (
            <div key={nome} className="ficha__linha">
              <dt>{nome}</dt>
              <dd>{valor}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}
