import { useSearchParams } from 'react-router-dom';

/**
 * A list's filters and page, kept in the URL (so they survive a reload and can be shared). An empty
 * value removes its parameter; changing a filter goes back to the first page.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next);
  };
  const change = (name: string, value: string) => update(name === 'page' ? { page: value } : { [name]: value, page: null });
  return { params, update, change };
}
