import { useState } from 'react';

/**
 * A secret the server shows only once (an API key, an invite link): readable, selectable, with a copy
 * button, and a warning that it will not be shown again.
 */
export function OnceSecret({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState<'sim' | 'falhou' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('sim');
    } catch {
      setCopied('falhou');
    }
  };
  return (
    <div className="segredo">
      <p className="segredo__rotulo">{label}</p>
      <code className="segredo__valor">{value}</code>
      <button type="button" className="botao" onClick={copy} aria-label={`Copiar ${label.toLowerCase()}`}>
        Copiar
      </button>
      <span className="segredo__copiado" role="status">
        {copied === 'sim' ? 'Copiado.' : copied === 'falhou' ? 'Não deu para copiar: selecione o texto e copie à mão.' : ''}
      </span>
    </div>
  );
}

export function OnceWarning() {
  return (
    <p className="bo-aviso bo-aviso--atencao" role="note">
      Guarde agora: isto aparece uma única vez e não poderá ser visto de novo.
    </p>
  );
}
