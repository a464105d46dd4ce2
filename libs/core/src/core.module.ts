import { Global, Injectable, Module } from '@nestjs/common';
import { I18nJsonLoader, I18nModule, I18nResolver } from 'nestjs-i18n';
import { Clock, SystemClock } from './clock';
import { fromRoot } from './project-root';
import { currentContext, DEFAULT_LANG } from './request-context';

/** nestjs-i18n takes the language the request context negotiated (?lang=, Accept-Language). */
@Injectable()
export class ContextLangResolver implements I18nResolver {
  resolve(): string | undefined {
    return currentContext()?.lang;
  }
}

/** Shared kernel: the clock and the translations (hu default, en). */
@Global()
@Module({
  imports: [
    I18nModule.forRoot({
      fallbackLanguage: DEFAULT_LANG,
      loader: I18nJsonLoader,
      loaderOptions: { path: fromRoot('libs/core/src/i18n'), watch: false },
      resolvers: [ContextLangResolver],
      logging: false,
    }),
  ],
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class CoreModule {}
