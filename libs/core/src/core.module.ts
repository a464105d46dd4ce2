import { Global, Module } from '@nestjs/common';
import { I18nJsonLoader, I18nModule } from 'nestjs-i18n';
import { Clock, SystemClock } from './clock';
import { fromRoot } from './project-root';
import { DEFAULT_LANG } from './request-context';

/** Shared kernel: the clock and the translations (hu default, en). */
@Global()
@Module({
  imports: [
    I18nModule.forRoot({
      fallbackLanguage: DEFAULT_LANG,
      loader: I18nJsonLoader,
      loaderOptions: { path: fromRoot('libs/core/src/i18n'), watch: false },
      logging: false,
    }),
  ],
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class CoreModule {}
