import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

// The gateway serves /graphql (HTTP and graphql-ws) and /api on :4000 (`npm run dev` at the root).
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: gateway, ws: true, changeOrigin: true },
      '/api': { target: gateway, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Written for reading a production stack trace, but not linked from the scripts; the gateway
    // does not serve them in production.
    sourcemap: 'hidden',
    rolldownOptions: {
      // The article domain (@igny8/writer/article/browser, for the editor's checks) has no module
      // side effects: what the editor does not use — the model's zod schemas, the renderer — is left out.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/]subgraphs[\\/]writer[\\/]src[\\/]domain[\\/]article[\\/]/.test(id),
      },
      output: {
        // A section's chunk is named for it (planner-….js), not for its pages.ts.
        chunkFileNames: ({ facadeModuleId }) => {
          const section = facadeModuleId?.match(/[\\/]pages[\\/]([^\\/]+)[\\/]pages\.ts$/)?.[1];
          return `assets/${section ?? '[name]'}-[hash].js`;
        },
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie)[\\/]/ },
            { name: 'graphql', test: /node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
});
