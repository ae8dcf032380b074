#!/usr/bin/env node
// Guard for `npm run test:pg`: it needs a PostgreSQL/PostGIS server.
if (!process.env.DATABASE_URL) {
  process.stderr.write('urbangrid: test:pg needs DATABASE_URL=postgres://user:password@host:5432/db (with PostGIS available)\n');
  process.exit(2);
}
