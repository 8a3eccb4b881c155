import { useId, useState, type FormEvent } from 'react';
import { api, isApiError } from '../shared/api';
import { fieldProblems } from '../shared/field-problems';
import { formatLongDateTime, saoPauloInstant, todayInSaoPaulo } from '../shared/format';
import { openSlots } from './booking-slots';
import type { CatalogueItem } from './catalogue-types';
import type { VerticalUi } from './vertical-ui';
import { asVisitor } from './visitor-session';
import { visitorErrorMessage } from './visitor-errors';

export const SLOT_TAKEN_MESSAGE = 'Esse horário já foi reservado. Escolha outro.';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; quando: string }
  | { kind: 'failed'; message: string; fields: Record<string, string> };

/**
 * A test drive (carros) or visit (imóveis) of one item: São Paulo date and half-hour slot, name and
 * phone. A refused slot keeps everything typed so only the time needs changing.
 */
export function BookingForm({ ui, itemId }: { ui: VerticalUi<CatalogueItem>; itemId: number }) {
  const id = useId();
  const [data, setData] = useState('');
  const [hora, setHora] = useState('');
  const [nome, setNome] = useState('');
  const [telefone, setTelefone] = useState('');
  const [observacoes, setObservacoes] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const slots = openSlots(data);
  const fields = outcome.kind === 'failed' ? outcome.fields : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome({ kind: 'sending' });
    const dataAgendada = saoPauloInstant(data, hora);
    const body = {
      [ui.bookingField]: itemId,
      ...(ui.bookingTipo ? { tipo: ui.bookingTipo } : {}),
      data_agendada: dataAgendada,
      nome: nome.trim(),
      telefone: telefone.trim(),
      ...(observacoes.trim() ? { observacoes: observacoes.trim() } : {}),
    };
    try {
      await asVisitor(() => api('/visitante/agendamentos', { method: 'POST', body }));
      setOutcome({ kind: 'done', quando: formatLongDateTime(dataAgendada) });
    } catch (error) {
      const problems = fieldProblems(error);
      const message =
        isApiError(error) && error.status === 409
          ? SLOT_TAKEN_MESSAGE
          : Object.keys(problems).length > 0
            ? 'Confira os campos destacados.'
            : visitorErrorMessage(error);
      setOutcome({ kind: 'failed', message, fields: problems });
    }
  };

  if (outcome.kind === 'done') {
    return (
      <div className="agendamento__feito" role="status">
        <p className="agendamento__feito-titulo">Pedido de {ui.words.agendamento} enviado!</p>
        <p>
          Marcamos para {outcome.quando}. A loja vai entrar em contato pelo telefone {telefone.trim()} para confirmar.
        </p>
        <button type="button" className="botao botao--secundario" onClick={() => setOutcome({ kind: 'idle' })}>
          Agendar outro horário
        </button>
      </div>
    );
  }

  const problemOf = (field: string) =>
    fields[field] && (
      <p id={`${id}-${field}-erro`} className="campo__erro">
        {fields[field]}
      </p>
    );
  const invalid = (field: string) => (fields[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-erro` } : {});

  return (
    <form className="agendamento" onSubmit={submit}>
      <div className="agendamento__quando">
        <div className="campo">
          <label htmlFor={`${id}-data`}>Dia</label>
          <input
            id={`${id}-data`}
            type="date"
            required
            min={todayInSaoPaulo()}
            value={data}
            onChange={(event) => {
              setData(event.target.value);
              setHora('');
            }}
          />
        </div>
        <div className="campo">
          <label htmlFor={`${id}-hora`}>Horário</label>
          <select
            id={`${id}-hora`}
            required
            value={hora}
            disabled={slots.length === 0}
            onChange={(event) => setHora(event.target.value)}
            {...invalid('data_agendada')}
          >
            <option value="">{data ? (slots.length ? 'Escolha' : 'Sem horários neste dia') : 'Escolha o dia antes'}</option>
            {slots.map((slot) => (
              <option key={slot} value={slot}>
                {slot}
              </option>
            ))}
          </select>
          {problemOf('data_agendada')}
        </div>
      </div>
      <p className="campo__dica">Horário de Brasília.</p>
      <div className="campo">
        <label htmlFor={`${id}-nome`}>Seu nome</label>
        <input
          id={`${id}-nome`}
          required
          autoComplete="name"
          maxLength={255}
          value={nome}
          onChange={(e) => setNome(e.target.value)}
          {...invalid('nome')}
        />
        {problemOf('nome')}
      </div>
      <div className="campo">
        <label htmlFor={`${id}-telefone`}>Telefone (com DDD)</label>
        <input
          id={`${id}-telefone`}
          type="tel"
          required
          autoComplete="tel"
          inputMode="tel"
          placeholder="(11) 91234-5678"
          maxLength={30}
          value={telefone}
          onChange={(e) => setTelefone(e.target.value)}
          {...invalid('telefone')}
        />
        {problemOf('telefone')}
      </div>
      <div className="campo">
        <label htmlFor={`${id}-obs`}>Observações (opcional)</label>
        <textarea id={`${id}-obs`} rows={2} maxLength={2000} value={observacoes} onChange={(e) => setObservacoes(e.target.value)} />
      </div>
      {outcome.kind === 'failed' && (
        <p className="agendamento__erro" role="alert">
          {outcome.message}
        </p>
      )}
      <button type="submit" className="botao botao--primario" disabled={outcome.kind === 'sending'}>
        {outcome.kind === 'sending' ? 'Enviando…' : ui.words.agendar}
      </button>
    </form>
  );
}
