import { useState, type KeyboardEvent } from 'react';
import type { Foto } from './catalogue-types';
import { Photo } from './Photo';

const STEP_KEYS: Record<string, (current: number, count: number) => number> = {
  ArrowLeft: (current) => current - 1,
  ArrowRight: (current) => current + 1,
  Home: () => 0,
  End: (_current, count) => count - 1,
};

/**
 * An item's photos: one large, the others as thumbnails. Keyboard: Tab reaches the buttons; inside
 * the gallery ←/→ go to the previous/next photo and Home/End to the first/last. The position is
 * announced ("Foto 2 de 5").
 */
export function Gallery({ fotos, titulo }: { fotos: Foto[]; titulo: string }) {
  const [current, setCurrent] = useState(0);
  const count = fotos.length;
  if (count <= 1) {
    return (
      <div className="galeria">
        <Photo url={fotos[0]?.url} alt={titulo} className="galeria__principal" eager />
      </div>
    );
  }
  const show = (index: number) => setCurrent(((index % count) + count) % count);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const step = STEP_KEYS[event.key];
    if (!step) return;
    event.preventDefault();
    show(step(current, count));
  };
  return (
    <section className="galeria" aria-roledescription="galeria" aria-label={`Fotos de ${titulo}`} onKeyDown={onKeyDown}>
      <div className="galeria__palco">
        <Photo url={fotos[current].url} alt={`${titulo}, foto ${current + 1} de ${count}`} className="galeria__principal" eager />
        <button
          type="button"
          className="galeria__seta galeria__seta--anterior"
          aria-label="Foto anterior"
          onClick={() => show(current - 1)}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <button type="button" className="galeria__seta galeria__seta--proxima" aria-label="Próxima foto" onClick={() => show(current + 1)}>
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <p className="galeria__posicao" aria-live="polite">
        Foto {current + 1} de {count}
      </p>
      <ul className="galeria__miniaturas">
        {fotos.map((foto, index) => (
          <li key={foto.id}>
            <button
              type="button"
              className="galeria__miniatura"
              aria-label={`Ver foto ${index + 1} de ${count}`}
              aria-current={index === current ? 'true' : undefined}
              onClick={() => show(index)}
            >
              <Photo url={foto.url} alt="" />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
