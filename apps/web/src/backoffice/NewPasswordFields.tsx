import { useState } from 'react';
import { PasswordField } from './Field';
import { PASSWORD_RULES, passwordProblem } from './password-rules';

/** A new password typed twice, checked on the page (length, both equal) before it is sent. */
export function useNewPassword() {
  const [senha, setSenha] = useState('');
  const [confirmacao, setConfirmacao] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  /** Shows the problem the page can see; true when the password may be sent. */
  const check = () => {
    const local = passwordProblem(senha, confirmacao);
    setProblem(local);
    return local === undefined;
  };
  return { senha, setSenha, confirmacao, setConfirmacao, problem, check };
}

export function NewPasswordFields({ password, repeatLabel }: { password: ReturnType<typeof useNewPassword>; repeatLabel: string }) {
  return (
    <>
      <PasswordField
        label="Nova senha"
        autoComplete="new-password"
        value={password.senha}
        onChange={(e) => password.setSenha(e.target.value)}
        hint={PASSWORD_RULES}
        problem={password.problem}
      />
      <PasswordField
        label={repeatLabel}
        autoComplete="new-password"
        value={password.confirmacao}
        onChange={(e) => password.setConfirmacao(e.target.value)}
      />
    </>
  );
}
