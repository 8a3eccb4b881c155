import { createTransport, type Transporter } from 'nodemailer';

/** What an invite's answer says about its e-mail (present only when SMTP_URL is set): the link is still in the answer either way. */
export interface InviteEmailOutcome {
  enviado: boolean;
  /** pt-BR, for the operator; the SMTP details go to the log. */
  erro?: string;
}

export interface InviteMail {
  /** The invited person's e-mail. */
  para: string;
  /** The store's name, as its staff know it. */
  loja: string;
  /** The one-time link (`…/painel/convite#token`). */
  url: string;
}

/** SMTP_URL (`smtp://user:pass@host:587`, `smtps://…`), SMTP_FROM and SMTP_TIMEOUT_MS, as master and robot configs carry them. */
export interface SmtpSettings {
  SMTP_URL?: string;
  SMTP_FROM: string;
  SMTP_TIMEOUT_MS: number;
}

type MailLogger = { warn(fields: object, message: string): void };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

/** The invite e-mail: pt-BR subject, plain text and a minimal HTML part with every value escaped. */
export function inviteMessage({ loja, url }: Pick<InviteMail, 'loja' | 'url'>): { subject: string; text: string; html: string } {
  const subject = `Convite para a equipe de ${loja}`;
  const lines = [
    `Você foi convidado para o painel de ${loja}.`,
    'Para definir sua senha e entrar, abra o link abaixo:',
    url,
    'O link vale por 7 dias e só pode ser usado uma vez. Se você não esperava este convite, ignore este e-mail.',
  ];
  const html = [
    `<p>Você foi convidado para o painel de <strong>${escapeHtml(loja)}</strong>.</p>`,
    `<p><a href="${escapeHtml(url)}">Definir minha senha e entrar</a></p>`,
    `<p>${escapeHtml(lines[3])}</p>`,
  ].join('\n');
  return { subject, text: lines.join('\n\n'), html };
}

/**
 * Sends invite links by SMTP. A send never throws and never outlasts `timeoutMs`: the invite is
 * already stored and its link is in the answer, so a mail failure only changes what the answer says.
 */
export class InviteMailer {
  private readonly transport: Transporter;

  constructor(
    private readonly settings: { url: string; from: string; timeoutMs: number },
    private readonly logger?: MailLogger,
  ) {
    const { timeoutMs } = settings;
    this.transport = createTransport(
      { url: settings.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs },
      { from: settings.from },
    );
  }

  async send(mail: InviteMail): Promise<InviteEmailOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`sem resposta do servidor SMTP em ${this.settings.timeoutMs} ms`)),
        this.settings.timeoutMs,
      );
    });
    try {
      await Promise.race([this.transport.sendMail({ to: mail.para, ...inviteMessage(mail) }), deadline]);
      return { enviado: true };
    } catch (error) {
      // The link itself is a credential: only the recipient and the cause are logged.
      this.logger?.warn({ err: error, para: mail.para }, 'invite e-mail not sent');
      return { enviado: false, erro: 'Não foi possível enviar o e-mail do convite; copie o link e envie por outro meio.' };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The mailer SMTP_URL asks for; unset → none, and invites are only returned to whoever made them. */
export const inviteMailerFor = (settings: SmtpSettings, logger?: MailLogger): InviteMailer | undefined =>
  settings.SMTP_URL
    ? new InviteMailer({ url: settings.SMTP_URL, from: settings.SMTP_FROM, timeoutMs: settings.SMTP_TIMEOUT_MS }, logger)
    : undefined;
