import type { MetadataRoute } from 'next';

/** The web app manifest: a home-screen install shows the name and the icons (issue 17 §1). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Ventanilla — PQRS',
    short_name: 'Ventanilla',
    description: 'Peticiones, quejas, reclamos y sugerencias',
    start_url: '/',
    display: 'standalone',
    background_color: '#f4f5f7',
    theme_color: '#0b5cad',
    lang: 'es-CO',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    ],
  };
}
