export * from './errors';
export * from './clock';
export * from './budapest-time';
export * from './request-context';
export * from './pagination';
export * from './project-root';
export * from './text';
export * from './web-paths';
export { CoreModule } from './core.module';
