import jwt from 'jsonwebtoken';
import { parseArgs } from 'node:util';
import { ConfigError, EnvReader } from '@envrefresh/config';
import { readJwtConfig } from '../jwt.config';

/** `npm run token -- --sub alice --roles requester --groups qa`: a development JWT on stdout. */
function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      roles: { type: 'string', default: 'viewer' },
      groups: { type: 'string', default: '' },
      expires: { type: 'string', default: '12h' },
    },
  });
  if (!values.sub)
    throw new ConfigError([
      '--sub is required, e.g. npm run token -- --sub alice --roles requester --groups qa',
    ]);
  const env = new EnvReader();
  const config = readJwtConfig(env, process.env.NODE_ENV === 'production');
  env.done();
  if (config.key.algorithm !== 'HS256')
    throw new ConfigError(['tokens can only be signed with JWT_SECRET (HS256)']);
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const token = jwt.sign(
    {
      sub: values.sub,
      name: values.name,
      email: values.email,
      roles: list(values.roles),
      groups: list(values.groups),
    },
    config.key.secret,
    {
      issuer: config.issuer,
      audience: config.audience,
      expiresIn: values.expires as jwt.SignOptions['expiresIn'],
    },
  );
  if (config.usingDevelopmentSecret)
    process.stderr.write('warning: signed with the development secret (JWT_SECRET is not set)\n');
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  const problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
  for (const problem of problems) process.stderr.write(`token: ${problem}\n`);
  process.exitCode = 1;
}
