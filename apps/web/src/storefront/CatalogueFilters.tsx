import { useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CatalogueItem } from './catalogue-types';
import { activeFilterCount, sortOf, withParams } from './catalogue-query';
import type { FilterField, VerticalUi } from './vertical-ui';

/**
 * The catalogue's filters and sort, read from and written to the page's URL. Filters apply on
 * "Filtrar" (one history entry per search, not per keystroke); the sort applies on change. Either
 * goes back to page 1.
 */
export function CatalogueFilters({ ui }: { ui: VerticalUi<CatalogueItem> }) {
  const [params, setParams] = useSearchParams();
  const [aberto, setAberto] = useState(false);
  const formId = useId();
  const ativos = activeFilterCount(ui, params);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const changes: Record<string, string | null> = { page: null };
    for (const filter of ui.filters) changes[filter.name] = String(data.get(filter.name) ?? '').trim() || null;
    setParams(withParams(params, changes));
    setAberto(false);
  };
  const clear = () => {
    const changes: Record<string, null> = { page: null };
    for (const filter of ui.filters) changes[filter.name] = null;
    setParams(withParams(params, changes));
  };

  return (
    <section className="filtros" aria-labelledby={`${formId}-titulo`}>
      <div className="filtros__topo">
        <h2 id={`${formId}-titulo`} className="filtros__titulo">
          Filtros
        </h2>
        <button
          type="button"
          className="botao botao--secundario filtros__alternar"
          aria-expanded={aberto}
          aria-controls={formId}
          onClick={() => setAberto((open) => !open)}
        >
          {aberto ? 'Esconder filtros' : ativos ? `Mostrar filtros (${ativos} ${ativos === 1 ? 'ativo' : 'ativos'})` : 'Mostrar filtros'}
        </button>
      </div>
      {/* Keyed by the URL: back/forward puts the fields back to what the page shows. */}
      <form id={formId} key={params.toString()} className={`filtros__form ${aberto ? 'filtros__form--aberto' : ''}`} onSubmit={submit}>
        {ui.filters.map((filter) => (
          <FilterInput key={filter.name} field={filter} value={params.get(filter.name) ?? ''} />
        ))}
        <div className="filtros__acoes">
          <button type="submit" className="botao botao--primario">
            Filtrar
          </button>
          {ativos > 0 && (
            <button type="button" className="botao botao--secundario" onClick={clear}>
              Limpar filtros
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function FilterInput({ field, value }: { field: FilterField; value: string }) {
  const id = `filtro-${field.name}`;
  return (
    <div className="campo">
      <label htmlFor={id}>{field.label}</label>
      {field.kind === 'select' ? (
        <select id={id} name={field.name} defaultValue={value}>
          <option value="">Todos</option>
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={field.name}
          type={field.kind === 'number' ? 'number' : 'search'}
          inputMode={field.kind === 'number' ? 'numeric' : undefined}
          defaultValue={value}
          placeholder={field.placeholder}
          min={field.min}
          max={field.max}
          step={field.step}
          autoComplete="off"
        />
      )}
    </div>
  );
}

/** The sort menu; changing it reorders at once. */
export function SortSelect({ ui }: { ui: VerticalUi<CatalogueItem> }) {
  const [params, setParams] = useSearchParams();
  return (
    <div className="ordenacao campo campo--linha">
      <label htmlFor="ordem">Ordenar por</label>
      <select
        id="ordem"
        value={sortOf(ui, params)}
        onChange={(event) =>
          setParams(withParams(params, { ordem: event.target.value === ui.sorts[0].value ? null : event.target.value, page: null }))
        }
      >
        {ui.sorts.map((sort) => (
          <option key={sort.value} value={sort.value}>
            {sort.label}
          </option>
        ))}
      </select>
    </div>
  );
}
