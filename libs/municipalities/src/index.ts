export { MunicipalitiesModule } from './municipalities.module';
export { MunicipalitiesService } from './municipalities.service';
export type { MunicipalitySearch } from './municipalities.service';
export { Municipality, LEGAL_STATUSES, COUNTIES } from './municipality.entity';
export type { LegalStatus, County } from './municipality.entity';
export { KSH_CODE_PATTERN, isKshCode } from './municipality-search';
