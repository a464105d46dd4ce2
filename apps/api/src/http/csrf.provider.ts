import { Provider } from '@nestjs/common';
import { Env } from '@portal/config';
import { createCsrf } from './csrf';

export const CSRF = Symbol('CSRF');

export const csrfProvider: Provider = { provide: CSRF, inject: [Env], useFactory: createCsrf };
