import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { I18nService } from 'nestjs-i18n';
import { Logger } from 'nestjs-pino';
import passport from 'passport';
import { Env } from '@portal/config';
import { SESSION_COOKIE } from '@portal/identity';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { refuseUnstorableInput } from './http/body-guard';
import { CSRF } from './http/csrf.provider';
import { Csrf } from './http/csrf';
import { ErrorResponder } from './http/error-body';
import { queueDashboard, QUEUE_DASHBOARD_PATH, queueDashboardAccess } from './http/queue-dashboard';
import { requestContext } from './http/request-context.middleware';
import { SessionStore } from './http/session-store';
import { createValidationPipe } from './http/validation';
import { webStatic } from './http/web-static';

/** Requests that change nothing: without a session cookie they need no session. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('LÖGY portál API')
    .setDescription(
      'Legjobb Önkormányzati Gyakorlatok — award portal for municipal best practices. ' +
        'Cookie sessions; state-changing requests of a signed-in user carry X-CSRF-Token.',
    )
    .setVersion('1')
    .addCookieAuth(SESSION_COOKIE)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Everything the api needs around its routes; shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication): void {
  const env = app.get(Env);
  const i18n = app.get<I18nService>(I18nService);
  const csrf = app.get<Csrf>(CSRF);
  const responder = new ErrorResponder(i18n);

  app.useLogger(app.get(Logger));
  app.set('trust proxy', env.TRUST_PROXY);
  app.disable('x-powered-by');
  app.use(requestContext);
  app.use(helmet());
  app.use(webStatic()); // the built web portal; /api/* and /health pass through to the api
  app.use(cookieParser());
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(refuseUnstorableInput);

  // a signed-in request, or one that changes something, goes through the session (its store in
  // PostgreSQL, then the user); an anonymous read has no session to load and none is made for it
  const initialize = passport.initialize() as express.RequestHandler;
  const sessions = express.Router();
  sessions.use(
    session({
      name: SESSION_COOKIE,
      secret: env.SESSION_SECRET,
      store: app.get(SessionStore).store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: env.COOKIE_SECURE,
        maxAge: env.SESSION_TTL_HOURS * 3600 * 1000,
      },
    }),
    initialize,
    passport.session() as express.RequestHandler,
  );
  app.use((req: Request, res: Response, next: NextFunction) =>
    SAFE_METHODS.has(req.method) && (req.cookies as Record<string, unknown>)[SESSION_COOKIE] === undefined
      ? initialize(req, res, next)
      : sessions(req, res, next),
  );
  app.use(csrf.protect);
  app.use(QUEUE_DASHBOARD_PATH, queueDashboardAccess, queueDashboard(app));
  // errors raised before Nest's router (malformed JSON, CSRF, session store) get the same body
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    responder.send(error, req, res);
  });

  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(i18n));

  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
}
