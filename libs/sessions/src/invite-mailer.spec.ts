import { inviteMessage } from './invite-mailer';

describe('inviteMessage', () => {
  const url = 'http://loja.localhost:3003/painel/convite#abc_DEF-123';

  it('names the store and carries the exact link, its 7-day validity and single use, in pt-BR', () => {
    const { subject, text } = inviteMessage({ loja: 'Garagem Alfa', url });
    expect(subject).toBe('Convite para a equipe de Garagem Alfa');
    expect(text.split('\n')).toContain(url);
    expect(text).toContain('Garagem Alfa');
    expect(text).toContain('vale por 7 dias e só pode ser usado uma vez');
  });

  it('escapes every value it puts in the HTML part', () => {
    const { html, text } = inviteMessage({ loja: `<script>alert("x")</script> & Cia`, url: `${url}"><img src=x>` });
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cia');
    expect(html).toContain(`href="${url}&quot;&gt;&lt;img src=x&gt;"`);
    // The plain-text part is not HTML: the name is kept as written.
    expect(text).toContain('<script>alert("x")</script> & Cia');
  });
});
