const numero = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });
const percentual = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });

/**
 * Usage of one resource against its plan limit, as a native <meter> (read by screen readers) with the
 * numbers in words beside it. No limit (null or 0) shows the count alone.
 */
export function UsageBar({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const hasLimit = limit !== null && limit > 0;
  const percent = hasLimit ? (used / limit) * 100 : null;
  const words = hasLimit
    ? `${numero.format(used)} de ${numero.format(limit)} (${percentual.format(percent ?? 0)}%)`
    : `${numero.format(used)} (sem limite no plano)`;
  return (
    <div className="uso">
      <div className="uso__cabecalho">
        <span className="uso__rotulo">{label}</span>
        <span className="uso__numeros">{words}</span>
      </div>
      {hasLimit && (
        <meter
          className="uso__barra"
          min={0}
          max={limit}
          value={Math.min(used, limit)}
          low={limit * 0.8}
          high={limit * 0.99}
          optimum={0}
          aria-label={`${label}: ${words}`}
        />
      )}
      {percent !== null && percent >= 100 && <p className="bo-aviso bo-aviso--erro">Limite do plano atingido.</p>}
      {percent !== null && percent >= 80 && percent < 100 && <p className="bo-aviso bo-aviso--atencao">Acima de 80% do limite do plano.</p>}
    </div>
  );
}

/** A share of a limit already computed by the server (`percentual_*`), as a bar; null means the plan sets no limit. */
export function PercentBar({ label, percent }: { label: string; percent: number | null }) {
  if (percent === null) return <span>sem limite</span>;
  const words = `${percentual.format(percent)}%`;
  return (
    <span className="uso-linha">
      <meter
        className="uso__barra"
        min={0}
        max={100}
        value={Math.min(percent, 100)}
        low={80}
        high={99}
        optimum={0}
        aria-label={`${label}: ${words}`}
      />
      <span>{words}</span>
    </span>
  );
}
