// oidc-provider ships no type declarations; the test's identity provider uses a small part of it.
declare module 'oidc-provider';
