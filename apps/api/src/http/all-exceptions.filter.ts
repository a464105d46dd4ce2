import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import { ErrorResponder } from './error-body';

/** The api's single exception filter: domain errors are mapped to HTTP here and only here. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly responder: ErrorResponder;

  constructor(i18n: I18nService) {
    this.responder = new ErrorResponder(i18n);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.responder.send(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}
