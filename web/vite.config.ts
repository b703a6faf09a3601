import adapter from '@sveltejs/adapter-static';
import { sveltekit, type Config } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { APP_CSP_DIRECTIVES } from '../infra/security-headers.ts';

// SvelteKit 3 takes its configuration here (a svelte.config.js is rejected).
// A static SPA: every non-file path falls back to index.html (S3 + CloudFront in AWS,
// the local server's SPA fallback on one machine). `precompress` writes .br and .gz beside
// every file, which the local server sends as CloudFront sends its own compressed copies.
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: true, strict: true }),
      // SvelteKit hashes its inline bootstrap script into a CSP <meta> of index.html; the local
      // server and CloudFront send the same policy as a header, with `frame-ancestors` (see
      // infra/security-headers.ts), so `script-src` needs no 'unsafe-inline'.
      // (the cast: SvelteKit's type wants mutable arrays of its source keywords)
      csp: { mode: 'hash', directives: APP_CSP_DIRECTIVES as unknown as NonNullable<Config['csp']>['directives'] },
    }),
  ],
  server: {
    // `vite dev` in web/: forward the API to the local stack (npm start).
    proxy: { '/api': process.env.API_ORIGIN ?? 'http://localhost:3000' },
  },
});
