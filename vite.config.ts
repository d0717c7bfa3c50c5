import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { onlineOnlyFiles } from './scripts/lib/bundle.mjs';

/**
 * One config, three builds:
 * - `vite build` builds the app (kiosk and later views) with its service worker into dist/;
 * - `vite build --mode lib` builds the component library (ESM) into dist/lib/ for use on any page;
 * - `vite build --mode examples` builds the examples page (examples/) into .cache/examples/, for
 *   the e2e server alone (test/e2e/server.ts): never into dist/, so a kiosk never gets it.
 * `npm run dev` serves the examples page from its source at /examples/.
 */
export default defineConfig(({ mode }) => {
  // Lit's html`` and css`` templates are strings the JS minifier leaves alone; this minifies them.
  // svg`` templates are left as written: without an <svg> parent the HTML minifier reads
  // <circle /> as an open tag and nests the shapes that follow inside it.
  const minifyTemplates = {
    ...minifyTemplateLiterals({
      options: { shouldMinify: (template: { tag?: string }) => template.tag === 'html' },
    }),
    apply: 'build' as const,
  };
  if (mode === 'examples') {
    return {
      root: fileURLToPath(new URL('./examples', import.meta.url)),
      base: '/examples/',
      publicDir: false,
      plugins: [minifyTemplates],
      build: {
        target: 'es2022',
        outDir: fileURLToPath(new URL('./.cache/examples', import.meta.url)),
        emptyOutDir: true,
      },
    };
  }
  if (mode === 'lib') {
    return {
      publicDir: false,
      plugins: [minifyTemplates],
      build: {
        target: 'es2022',
        outDir: 'dist/lib',
        emptyOutDir: true,
        sourcemap: true,
        rolldownOptions: {
          // The library entry registers every element, so the notice's on-demand loading of its
          // heavier formats only splits chunks in the app build; no need to warn about it here.
          checks: { ineffectiveDynamicImport: false },
        },
        lib: {
          entry: 'components/index.ts',
          formats: ['es'],
          fileName: 'forewarn',
        },
      },
    };
  }
  const IDLE_CHUNK =
    /^assets\/(config|connectivity|delivery|in-use|log-panel|log-strings|store|sync)-/;
  return {
    build: {
      target: 'es2022',
      // No source maps for the app: they would publish the source to anyone (and the server
      // refuses *.map and /.vite/ whatever is in dist/).
      sourcemap: false,
      // Read by the bundle budget check and the bench to know what loads before first paint;
      // never served.
      manifest: true,
      // The kiosk's first paint must not wait on Tone.js, other views or other locales.
      modulePreload: {
        polyfill: false,
        // What the kiosk loads when idle after its first paint, or after a notice has ended (the
        // log, its sending, the content in use, the connection check), is never on the path from
        // a tap to a painted notice, so it needs no preload list: those lists ride in the
        // first-paint bundle, whose budget is 40 kB.
        resolveDependencies: (file, deps) => (IDLE_CHUNK.test(file) ? [] : deps),
      },
      // A font inlined as a data: URL would be refused by the content security policy (fonts
      // come from 'self'), and would load with the CSS on every device rather than on demand.
      assetsInlineLimit: (file: string) => (file.endsWith('.woff2') ? false : undefined),
    },
    server: { host: '127.0.0.1', port: 5173 },
    // Pre-bundled up front so the dev server and browser tests never re-optimise mid-run.
    optimizeDeps: {
      include: [
        'lit',
        'lit/decorators.js',
        'lit/static-html.js',
        'lit/directives/keyed.js',
        'i18next',
        'tone',
        'axe-core',
      ],
    },
    preview: { host: '127.0.0.1', port: 8080 },
    plugins: [
      minifyTemplates,
      examplesAddress,
      VitePWA({
        strategies: 'injectManifest',
        srcDir: 'src',
        filename: 'sw.ts',
        injectRegister: false,
        // The icons are precached by the glob below; listing them again would count them twice.
        includeManifestIcons: false,
        manifest: {
          name: 'Forewarn recording notice',
          short_name: 'Forewarn',
          description: 'Accessible body-worn video recording notices.',
          start_url: '/',
          scope: '/',
          display: 'fullscreen',
          orientation: 'any',
          background_color: '#0b0c0c',
          theme_color: '#1d2a44',
          icons: [
            { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
            {
              src: '/icons/maskable-512.png',
              sizes: '512x512',
              type: 'image/png',
              purpose: 'maskable',
            },
          ],
        },
        injectManifest: {
          // The fonts too (src/app/fonts/): an offline kiosk may need any script's.
          globPatterns: [
            '**/*.{js,css,html,svg,png,jpg,json,webmanifest,vtt,txt,webm,mp4,ogg,woff2}',
          ],
          globIgnores: ['lib/**', 'examples/**', '**/*.map'],
          // Sign clips are the largest files that must work offline.
          maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
          // The review and the lab need the server, so a kiosk does not precache them (37% of
          // the precache). Read from the build manifest, which is written before this runs.
          manifestTransforms: [
            (entries) => {
              const online = new Set(onlineOnlyFiles('dist'));
              return { manifest: entries.filter((entry) => !online.has(entry.url)) };
            },
          ],
        },
      }),
    ],
  };
});

/**
 * In `npm run dev`, /examples (no slash) would fall through to the app's index.html: send it to
 * /examples/, the examples page, as the e2e server does.
 */
const examplesAddress: Plugin = {
  name: 'forewarn:examples-address',
  apply: 'serve',
  configureServer(server) {
    server.middlewares.use((request, response, next) => {
      const url = new URL(request.url ?? '/', 'http://dev');
      if (url.pathname !== '/examples') return next();
      response.writeHead(302, { Location: `/examples/${url.search}` }).end();
    });
  },
};
