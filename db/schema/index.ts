export * from './people';
export * from './catalog';
export * from './cases';
export * from './quality';
export * from './system';
export * from './routing';
export * from './mailboxes';
