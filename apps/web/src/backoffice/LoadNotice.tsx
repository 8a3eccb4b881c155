import { Loading } from '../shared/Loading';
import { ErrorNotice } from './ErrorNotice';
import type { Resource } from './use-resource';

/** A page's GET while it has nothing to show: loading, or why it failed (or why the page's last write did). */
export function LoadNotice({ resource, actionError }: { resource: Resource<unknown>; actionError?: unknown }) {
  return (
    <>
      <ErrorNotice error={resource.error ?? actionError} />
      {!resource.data && !resource.error && <Loading />}
    </>
  );
}
