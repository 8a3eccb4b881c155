import { useState, type FormEvent } from 'react';
import { api } from '../shared/api';
import { fieldProblems } from '../shared/field-problems';
import { DataTable } from '../backoffice/DataTable';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { LoadNotice } from '../backoffice/LoadNotice';
import { SelectField, TextField } from '../backoffice/Field';
import { InviteEmailNotice, type InviteEmail } from '../backoffice/InviteEmailNotice';
import { OnceSecret, OnceWarning } from '../backoffice/OnceSecret';
import { PageHeading } from '../backoffice/PageHeading';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { SUFFIX, usePainel } from './painel-context';
import { PAPEL_LABEL, type Papel, type Usuario } from './painel-types';
import { SubmitButton } from '../backoffice/SubmitButton';

/** An invite as the robot answers it: the link, and whether it was e-mailed when the robot has SMTP_URL. */
type InviteAnswer = { usuario: Usuario; convite_url: string; convite_email?: InviteEmail };
type Convite = { para: string; url: string; email?: InviteEmail };

type UsuariosAnswer = { usuarios: Usuario[] } | { data: Usuario[] } | Usuario[];
const usuariosOf = (answer: UsuariosAnswer): Usuario[] =>
  Array.isArray(answer) ? answer : 'usuarios' in answer ? answer.usuarios : answer.data;

/** The store's team (owner only): invite (the link is shown once), change role, deactivate, new invite link. */
export function TeamPage() {
  const { usuario: me } = usePainel();
  const usuarios = useResource((signal) => api<UsuariosAnswer>('/equipe/usuarios', { signal }).then(usuariosOf), []);
  const [convite, setConvite] = useState<Convite | null>(null);
  const action = useAction();

  const patch = async (usuario: Usuario, body: { papel?: Papel; ativo?: boolean }) => {
    if (await action.run(() => api(`/equipe/usuarios/${usuario.id}`, { method: 'PATCH', body }))) usuarios.reload();
  };
  const newInvite = async (usuario: Usuario) => {
    const answer = await action.run(() => api<InviteAnswer>(`/equipe/usuarios/${usuario.id}/convite`, { method: 'POST' }));
    if (answer) setConvite({ para: usuario.nome, url: answer.convite_url, email: answer.convite_email });
  };

  return (
    <>
      <PageHeading title="Equipe" suffix={SUFFIX}>
        Equipe
      </PageHeading>
      <InviteForm
        onInvited={(invited) => {
          setConvite(invited);
          usuarios.reload();
        }}
      />
      {convite && (
        <div className="segredos" aria-live="polite">
          <OnceWarning />
          <OnceSecret label={`Link de convite de ${convite.para}`} value={convite.url} />
          <InviteEmailNotice outcome={convite.email} />
        </div>
      )}
      <LoadNotice resource={usuarios} actionError={action.error} />
      {usuarios.data && (
        <DataTable
          caption="Pessoas da equipe"
          columns={['Nome', 'E-mail', 'Papel', 'Situação', 'Ações']}
          rows={usuarios.data}
          row={(usuario) => {
            const self = usuario.id === me.id;
            const ativo = usuario.ativo !== false;
            return (
              <tr key={usuario.id}>
                <th scope="row">{usuario.nome}</th>
                <td>{usuario.email}</td>
                <td>
                  {self ? (
                    PAPEL_LABEL[usuario.papel]
                  ) : (
                    <PapelField
                      label={`Papel de ${usuario.nome}`}
                      value={usuario.papel}
                      disabled={action.busy}
                      onChange={(papel) => patch(usuario, { papel })}
                    />
                  )}
                </td>
                <td>{!ativo ? 'Desativado' : usuario.convite_pendente ? 'Convite pendente' : 'Ativo'}</td>
                <td className="acoes">
                  {!self && (
                    <button
                      type="button"
                      className={`botao ${ativo ? 'botao--perigo' : ''}`}
                      disabled={action.busy}
                      onClick={() => patch(usuario, { ativo: !ativo })}
                      aria-label={`${ativo ? 'Desativar' : 'Reativar'} ${usuario.nome}`}
                    >
                      {ativo ? 'Desativar' : 'Reativar'}
                    </button>
                  )}
                  {!self && ativo && (
                    <button
                      type="button"
                      className="botao"
                      disabled={action.busy}
                      onClick={() => newInvite(usuario)}
                      aria-label={`Novo convite para ${usuario.nome}`}
                    >
                      Novo convite
                    </button>
                  )}
                </td>
              </tr>
            );
          }}
        />
      )}
    </>
  );
}

function InviteForm({ onInvited }: { onInvited: (convite: Convite) => void }) {
  const [nome, setNome] = useState('');
  const [email, setEmail] = useState('');
  const [papel, setPapel] = useState<Papel>('vendedor');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await action.run(() =>
      api<InviteAnswer>('/equipe/usuarios', {
        method: 'POST',
        body: { nome: nome.trim(), email: email.trim(), papel },
      }),
    );
    if (answer) {
      onInvited({ para: answer.usuario.nome, url: answer.convite_url, email: answer.convite_email });
      setNome('');
      setEmail('');
    }
  };
  const problems = fieldProblems(action.error);
  return (
    <form className="formulario formulario--linha" onSubmit={submit} aria-label="Convidar para a equipe">
      <TextField label="Nome" value={nome} onChange={(e) => setNome(e.target.value)} required problem={problems.nome} />
      <TextField label="E-mail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required problem={problems.email} />
      <PapelField label="Papel" value={papel} onChange={setPapel} />
      <SubmitButton busy={action.busy}>Convidar</SubmitButton>
      <ErrorNotice error={action.error} />
    </form>
  );
}

function PapelField({
  label,
  value,
  disabled,
  onChange,
}: {
  label: string;
  value: Papel;
  disabled?: boolean;
  onChange: (papel: Papel) => void;
}) {
  return (
    <SelectField label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Papel)}>
      <option value="vendedor">{PAPEL_LABEL.vendedor}</option>
      <option value="dono">{PAPEL_LABEL.dono}</option>
    </SelectField>
  );
}
