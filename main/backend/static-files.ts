// Serves the built renderer (dist/renderer) from the same fetch handler as the API.
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

export async function serveStatic(root: string, urlPath: string): Promise<Response | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return new Response('bad path', { status: 400 });
  }
  const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (!file.startsWith(path.resolve(root) + path.sep) && file !== path.resolve(root)) return new Response('forbidden', { status: 403 });
  const candidates = path.extname(file) ? [file] : [path.join(file, 'index.html'), path.join(root, 'index.html')];
  for (const f of candidates) {
    try {
      const body = await fs.readFile(f);
      const ext = path.extname(f);
      const immutable = f.includes(`${path.sep}assets${path.sep}`);
      return new Response(body, {
        headers: {
          'Content-Type': TYPES[ext] ?? 'application/octet-stream',
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        },
      });
    } catch {
      // try the next candidate
    }
  }
  return null;
}
