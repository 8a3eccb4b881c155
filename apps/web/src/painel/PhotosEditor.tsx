import type { Foto } from '@helix/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../shared/api';
import { safeImageUrl } from '../shared/safe-url';
import { ConfirmButton } from '../backoffice/ConfirmButton';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { TextField } from '../backoffice/Field';
import { useAction } from '../backoffice/use-action';
import { photoFileProblem, photoSrc } from './upload-check';

/** An item's photos: add by URL or by uploading a file (checked here first), remove. */
export function PhotosEditor({ itemPath, fotos, onChange }: { itemPath: string; fotos: Foto[]; onChange: () => void }) {
  const [url, setUrl] = useState('');
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const [principal, setPrincipal] = useState(fotos.length === 0);
  const fileInput = useRef<HTMLInputElement>(null);
  const action = useAction();

  const addUrl = async (event: FormEvent) => {
    event.preventDefault();
    if (!url.trim()) return;
    const added = await action.run(() =>
      api(`${itemPath}/fotos`, { method: 'POST', body: { url: url.trim(), principal, ordem: fotos.length } }).then(() => true),
    );
    if (added) {
      setUrl('');
      onChange();
    }
  };

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return setFileProblem('Escolha um arquivo de imagem.');
    const problem = photoFileProblem(file);
    setFileProblem(problem);
    if (problem) return;
    const body = new FormData();
    body.append('arquivo', file);
    body.append('principal', String(principal));
    body.append('ordem', String(fotos.length));
    const added = await action.run(() => api(`${itemPath}/fotos/arquivo`, { method: 'POST', body }).then(() => true));
    if (added) {
      if (fileInput.current) fileInput.current.value = '';
      onChange();
    }
  };

  const remove = async (foto: Foto) => {
    if (await action.run(() => api(`${itemPath}/fotos/${foto.id}`, { method: 'DELETE' }).then(() => true))) onChange();
  };

  return (
    <section aria-labelledby="fotos" className="secao">
      <h2 id="fotos">Fotos</h2>
      {fotos.length === 0 ? (
        <p>Nenhuma foto ainda.</p>
      ) : (
        <ul className="fotos">
          {fotos.map((foto, index) => {
            const src = safeImageUrl(photoSrc(foto.url));
            return (
              <li key={foto.id} className="fotos__item">
                {src ? <img src={src} alt={`Foto ${index + 1}`} width={160} height={120} loading="lazy" /> : <span>Endereço inválido</span>}
                {foto.principal && <span className="bo-selo">Capa</span>}
                <ConfirmButton
                  label="Remover"
                  question="Remover esta foto?"
                  confirmLabel="Sim, remover"
                  danger
                  onConfirm={() => remove(foto)}
                />
              </li>
            );
          })}
        </ul>
      )}
      <label className="caixa">
        <input type="checkbox" checked={principal} onChange={(e) => setPrincipal(e.target.checked)} /> Usar a próxima foto como capa
      </label>
      <form className="formulario formulario--linha" onSubmit={addUrl} aria-label="Adicionar foto por URL">
        <TextField label="Endereço da foto (https://…)" type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
        <button type="submit" className="botao" disabled={action.busy}>
          Adicionar por URL
        </button>
      </form>
      <form className="formulario formulario--linha" onSubmit={upload} aria-label="Enviar foto do computador">
        <div className="campo">
          <label htmlFor="foto-arquivo">Arquivo (JPEG, PNG ou WebP, até 5 MB)</label>
          <input
            id="foto-arquivo"
            ref={fileInput}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-invalid={fileProblem ? true : undefined}
            aria-describedby={fileProblem ? 'foto-arquivo-erro' : undefined}
            onChange={() => setFileProblem(undefined)}
          />
          {fileProblem && (
            <span id="foto-arquivo-erro" className="campo__erro" role="alert">
              {fileProblem}
            </span>
          )}
        </div>
        <button type="submit" className="botao" disabled={action.busy}>
          Enviar arquivo
        </button>
      </form>
      <ErrorNotice error={action.error} />
    </section>
  );
}
