export * from './intent-audience';
