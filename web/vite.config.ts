import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// SvelteKit 3 takes its configuration here (a svelte.config.js is rejected).
// A static SPA: every non-file path falls back to index.html (S3 + CloudFront in AWS,
// the local server's SPA fallback on one machine).
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: false, strict: true }),
    }),
  ],
  server: {
    // `vite dev` in web/: forward the API to the local stack (npm start).
    proxy: { '/api': process.env.API_ORIGIN ?? 'http://localhost:3000' },
  },
});
