import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/src/store/schema.ts', './server/src/domain/records/schema.ts'],
  out: './server/src/store/migrations',
});
