// The contrib extensions are a subpath export of @electric-sql/pglite, which TypeScript's "node"
// module resolution (CommonJS, used by the API) cannot see; Node itself resolves it.
declare module '@electric-sql/pglite/contrib/btree_gist' {
  import type { Extension } from '@electric-sql/pglite';
  export const btree_gist: Extension;
}
