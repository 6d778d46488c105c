export * from './lib/demo-plan';
export * from './lib/demo-simulator';
export * from './lib/demo.module';
export * from './lib/demo.service';
export * from './lib/demo-removal';
export * from './lib/demo-history';
export * from './lib/demo-caller';
