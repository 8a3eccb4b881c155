/** What an invite's answer says about its e-mail; absent when the service has no SMTP_URL. */
export interface InviteEmail {
  enviado: boolean;
  erro?: string;
}

/** One line under an invite link: whether it was also e-mailed (the link is shown either way). */
export function InviteEmailNotice({ outcome }: { outcome?: InviteEmail }) {
  if (!outcome) return null;
  return outcome.enviado ? (
    <p className="bo-aviso bo-aviso--ok">Convite enviado por e-mail.</p>
  ) : (
    <p className="bo-aviso bo-aviso--atencao">
      O e-mail do convite não foi enviado: {outcome.erro ?? 'copie o link e envie por outro meio.'}
    </p>
  );
}
