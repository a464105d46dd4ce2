import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { fromRoot } from '@portal/core';

/** Where `npm run build` puts the web portal (Vite). */
export const WEB_DIST = fromRoot('dist/web');

/** Paths the api answers itself: never the web portal's, so their 404s keep the api's JSON error body. */
const API_PATH = /^\/(api|health)(\/|$)/;
/** A file's name (a missing asset is a 404, not the page). */
const FILE_PATH = /\.[^/]*$/;

/**
 * The built web portal on the api's origin: hashed assets (under /assets) cached for a year,
 * index.html never cached, and index.html for every other GET that accepts HTML (the portal's
 * own routes; a path naming a file is not one). Without a build (dist/web/index.html missing)
 * it passes everything on.
 */
export function webStatic(dir: string = WEB_DIST): RequestHandler {
  const index = join(dir, 'index.html');
  const router = Router();
  if (!existsSync(index)) return router;

  const files = express.static(dir, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader(
        'Cache-Control',
        path.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (API_PATH.test(req.path)) return next();
    files(req, res, () => {
      const page = (req.method === 'GET' || req.method === 'HEAD') && !FILE_PATH.test(req.path);
      if (!page || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index, (error) => {
        if (error) next(error);
      });
    });
  });
  return router;
}
