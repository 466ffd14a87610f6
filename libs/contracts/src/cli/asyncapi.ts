import { renderAsyncApi } from '../asyncapi/render-asyncapi';

// `npm run docs:asyncapi` redirects this to docs/asyncapi.yaml; a unit test keeps the two equal.
process.stdout.write(renderAsyncApi());
