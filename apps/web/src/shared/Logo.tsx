import { safeImageUrl } from './safe-url';

/** The store's logo, or its initials on the main colour when it has none. The name is always shown beside it. */
export function Logo({ nome, logoUrl }: { nome: string; logoUrl: string | null }) {
  const src = safeImageUrl(logoUrl);
  if (src) return <img className="logo logo--imagem" src={src} alt="" width={40} height={40} />;
  const iniciais =
    nome
      .split(/\s+/)
      .filter((word) => /^\p{L}/u.test(word))
      .slice(0, 2)
      .map((word) => word[0].toUpperCase())
      .join('') || '•';
  return (
    <span className="logo logo--iniciais" aria-hidden="true">
      {iniciais}
    </span>
  );
}
