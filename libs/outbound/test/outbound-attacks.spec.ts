import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@envrefresh/testing';
import {
  AllowedHosts,
  Lookup,
  OutboundClient,
  OutboundClientOptions,
  OutboundError,
  OutboundErrorCode,
} from '@envrefresh/outbound';
import { LoopbackServer, TEST_CERTIFICATE, startLoopbackServer } from './support/loopback-server';
import { SocketTripwire, loopbackOnly } from './support/socket-tripwire';

/**
 * The SSRF attack set of SPEC.md against real sockets on loopback only. Every refusal must come
 * before any socket exists: the spec counts the sockets Node creates (`net.client.socket`), the
 * lookups the client makes and the connections the listeners accept; and the tripwire gives every
 * client socket a Node block list that lets nothing but loopback through, so a broken guard fails
 * here without a packet leaving the machine.
 */
describe('outbound client: the SSRF attack set', () => {
  const tripwire = new SocketTripwire();
  const clients: OutboundClient[] = [];
  const servers: LoopbackServer[] = [];

  beforeAll(() => tripwire.arm());
  afterAll(() => tripwire.disarm());
  beforeEach(() => {
    tripwire.sockets = 0;
    tripwire.list = loopbackOnly();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  const server = async (...args: Parameters<typeof startLoopbackServer>) => {
    const started = await startLoopbackServer(...args);
    servers.push(started);
    return started;
  };

  const ok = () => server((_request, response) => response.end('hello'));

  /** Answers every name from a fixed table and counts the questions. */
  const resolverOf = (answers: Record<string, string | string[]>) => {
    const asked: string[] = [];
    const lookup: Lookup = async (hostname) => {
      asked.push(hostname);
      const answer = answers[hostname];
      if (answer === undefined)
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return [answer].flat().map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    return { lookup, asked };
  };

  const clientOf = (
    settings: { allowHttp?: boolean; allowed?: string; timeoutMs?: number; maxResponseBytes?: number } = {},
    options: OutboundClientOptions = {},
  ) => {
    const { allowed, problems } = AllowedHosts.parse(settings.allowed);
    expect(problems).toEqual([]);
    const client = new OutboundClient(
      {
        allowHttp: settings.allowHttp ?? false,
        allowedHosts: allowed,
        timeoutMs: settings.timeoutMs ?? 5000,
        maxResponseBytes: settings.maxResponseBytes ?? 64 * 1024,
      },
      { ca: TEST_CERTIFICATE, lookup: resolverOf({}).lookup, ...options },
    );
    clients.push(client);
    return client;
  };

  const failureOf = async (promise: Promise<unknown>): Promise<OutboundError> => {
    const error = await promise.then(
      () => {
        throw new Error('the call succeeded');
      },
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(OutboundError);
    return error as OutboundError;
  };

  const expectRefusal = (error: OutboundError, code: OutboundErrorCode, message: RegExp) => {
    expect({ code: error.code, message: error.message }).toEqual({
      code,
      message: expect.stringMatching(message),
    });
  };

  describe('an address written in the URL is refused before any socket', () => {
    let v4: LoopbackServer;
    let v6: LoopbackServer;
    beforeEach(async () => {
      v4 = await ok();
      v6 = await server((_request, response) => response.end('hello'), { host: '::1' });
    });

    it.each([
      [
        '127.0.0.1',
        (s: Ports) => `https://127.0.0.1:${s.v4}/`,
        /^127\.0\.0\.1 is in the loopback range 127\.0\.0\.0\/8/,
      ],
      ['::1', (s: Ports) => `https://[::1]:${s.v6}/`, /^::1 is in the loopback range ::1\/128/],
      [
        '::ffff:127.0.0.1',
        (s: Ports) => `https://[::ffff:127.0.0.1]:${s.v4}/`,
        /^::ffff:7f00:1 \(judged as 127\.0\.0\.1\) is in the loopback range/,
      ],
      [
        '0.0.0.0',
        (s: Ports) => `https://0.0.0.0:${s.v4}/`,
        /^0\.0\.0\.0 is in the unspecified range 0\.0\.0\.0\/8/,
      ],
      ['::', (s: Ports) => `https://[::]:${s.v6}/`, /^:: is in the unspecified range/],
      [
        '127.0.0.1 spelt as a number',
        (s: Ports) => `https://2130706433:${s.v4}/`,
        /^127\.0\.0\.1 is in the loopback range/,
      ],
      [
        '127.0.0.1 spelt in hex',
        (s: Ports) => `https://0x7f.1:${s.v4}/`,
        /^127\.0\.0\.1 is in the loopback range/,
      ],
      ['10/8', () => 'https://10.0.0.1/', /^10\.0\.0\.1 is in the private range 10\.0\.0\.0\/8/],
      ['10/8, top', () => 'https://10.255.255.254:8443/', /^10\.255\.255\.254 is in the private range/],
      ['172.16/12', () => 'https://172.16.0.1/', /^172\.16\.0\.1 is in the private range 172\.16\.0\.0\/12/],
      ['172.16/12, top', () => 'https://172.31.255.254/', /^172\.31\.255\.254 is in the private range/],
      [
        '192.168/16',
        () => 'https://192.168.1.1/',
        /^192\.168\.1\.1 is in the private range 192\.168\.0\.0\/16/,
      ],
      [
        '169.254.169.254',
        () => 'https://169.254.169.254/latest/meta-data/',
        /^169\.254\.169\.254 is in the metadata range/,
      ],
      ['fd00:ec2::254', () => 'https://[fd00:ec2::254]/', /^fd00:ec2::254 is in the metadata range/],
      ['169.254/16', () => 'https://169.254.10.10/', /^169\.254\.10\.10 is in the link-local range/],
      ['fe80::/10', () => 'https://[fe80::1]/', /^fe80::1 is in the link-local range/],
      [
        '100.64/10',
        () => 'https://100.64.0.1/',
        /^100\.64\.0\.1 is in the carrier-grade NAT range 100\.64\.0\.0\/10/,
      ],
      ['fd00::/8', () => 'https://[fd00::1]/', /^fd00::1 is in the unique local range fc00::\/7/],
      [
        '::ffff:10.0.0.1',
        () => 'https://[::ffff:10.0.0.1]/',
        /\(judged as 10\.0\.0\.1\) is in the private range/,
      ],
      ['multicast', () => 'https://224.0.0.251/', /^224\.0\.0\.251 is in the multicast range/],
      ['broadcast', () => 'https://255.255.255.255/', /^255\.255\.255\.255 is in the broadcast range/],
    ])('%s', async (_name, urlOf, reason) => {
      const { lookup, asked } = resolverOf({});
      const client = clientOf({}, { lookup });

      const error = await failureOf(client.send({ url: urlOf({ v4: v4.port, v6: v6.port }) }));

      expectRefusal(error, 'OUTBOUND.ADDRESS_REFUSED', reason);
      expect(error.message).toMatch(/, and OUTBOUND_ALLOWED_HOSTS lists neither the host nor its network$/);
      expect(error.details.address).toBeDefined();
      expect({
        sockets: tripwire.sockets,
        lookups: asked.length,
        v4: v4.connections,
        v6: v6.connections,
      }).toEqual({
        sockets: 0,
        lookups: 0,
        v4: 0,
        v6: 0,
      });
    });
  });

  describe('a host name is judged by the addresses it resolves to', () => {
    it('refuses a name that resolves to a private address, without connecting', async () => {
      const { lookup, asked } = resolverOf({ 'hooks.example.com': '10.0.0.5' });
      const client = clientOf({}, { lookup });

      const error = await failureOf(client.send({ url: 'https://hooks.example.com/hook?token=secret' }));

      expectRefusal(
        error,
        'OUTBOUND.ADDRESS_REFUSED',
        /^10\.0\.0\.5 for host hooks\.example\.com is in the private range 10\.0\.0\.0\/8/,
      );
      expect(error.details).toEqual({ address: '10.0.0.5', origin: 'https://hooks.example.com' });
      expect(error.message).not.toMatch(/secret/);
      expect({ sockets: tripwire.sockets, lookups: asked }).toEqual({
        sockets: 0,
        lookups: ['hooks.example.com'],
      });
    });

    it('refuses a name with one private answer among public ones', async () => {
      const { lookup } = resolverOf({ 'mixed.example.com': ['8.8.8.8', '::ffff:169.254.169.254'] });
      const error = await failureOf(clientOf({}, { lookup }).send({ url: 'https://mixed.example.com/' }));

      expectRefusal(
        error,
        'OUTBOUND.ADDRESS_REFUSED',
        /^::ffff:169\.254\.169\.254 \(judged as 169\.254\.169\.254\) for host mixed\.example\.com is in the metadata range/,
      );
      expect(tripwire.sockets).toBe(0);
    });

    it('checks every new connection, so a rebinding answer is caught at connect time', async () => {
      const target = await server((_request, response) =>
        response.setHeader('connection', 'close').end('first'),
      );
      const answers = ['127.0.0.1', '10.0.0.5'];
      const asked: string[] = [];
      const lookup: Lookup = async (hostname) => {
        asked.push(hostname);
        return [{ address: answers.shift() ?? '10.0.0.5', family: 4 }];
      };
      const client = clientOf({ allowHttp: true, allowed: '127.0.0.0/8' }, { lookup });
      const url = `http://rebind.example.com:${target.port}/`;

      const first = await client.send({ url });
      expect({ status: first.status, body: first.body.toString() }).toEqual({ status: 200, body: 'first' });
      const error = await failureOf(client.send({ url }));

      expectRefusal(
        error,
        'OUTBOUND.ADDRESS_REFUSED',
        /^10\.0\.0\.5 for host rebind\.example\.com is in the private range/,
      );
      expect({ asked: asked.length, connections: target.connections, sockets: tripwire.sockets }).toEqual({
        asked: 2,
        connections: 1,
        sockets: 1,
      });
    });

    it('reports a name that does not resolve', async () => {
      const error = await failureOf(clientOf().send({ url: 'https://nowhere.example.com/' }));
      expectRefusal(
        error,
        'OUTBOUND.DNS_FAILED',
        /^nowhere\.example\.com did not resolve: getaddrinfo ENOTFOUND/,
      );
      expect(tripwire.sockets).toBe(0);
    });
  });

  describe('OUTBOUND_ALLOWED_HOSTS opens a host or a network', () => {
    it('reaches an https server on 127.0.0.1 with a self-signed certificate when its network is listed', async () => {
      const target = await server((request, response) => response.end(`${request.method} ${request.url}`), {
        tls: true,
      });
      const client = clientOf({ allowed: '127.0.0.0/8' });

      const response = await client.send({
        url: `https://127.0.0.1:${target.port}/hook?x=1`,
        method: 'POST',
        body: '{}',
      });

      expect({ status: response.status, body: response.body.toString() }).toEqual({
        status: 200,
        body: 'POST /hook?x=1',
      });
    });

    it('reaches a listed host name at the address it resolved to, verifying the certificate for that name', async () => {
      const target = await server((_request, response) => response.end('named'), { tls: true, host: '::1' });
      const { lookup, asked } = resolverOf({ 'hooks.test': '::1' });
      const client = clientOf({ allowed: 'hooks.test' }, { lookup });

      const response = await client.send({ url: `https://hooks.test:${target.port}/` });

      expect({ status: response.status, body: response.body.toString(), asked }).toEqual({
        status: 200,
        body: 'named',
        asked: ['hooks.test'],
      });
    });

    it('verifies the certificate for the host name, not for the address it connected to', async () => {
      const target = await server((_request, response) => response.end('never'), { tls: true });
      const { lookup } = resolverOf({ 'other.test': '127.0.0.1' });
      const client = clientOf({ allowed: 'other.test' }, { lookup });

      const error = await failureOf(client.send({ url: `https://other.test:${target.port}/` }));

      expectRefusal(
        error,
        'OUTBOUND.CONNECTION_FAILED',
        /^https:\/\/other\.test:\d+ failed: Hostname\/IP does not match certificate's altnames: Host: other\.test/,
      );
    });

    it('still verifies certificates: a server the client has no CA for fails', async () => {
      const target = await server((_request, response) => response.end('never'), { tls: true });
      const client = clientOf({ allowed: '127.0.0.1' }, { ca: undefined });

      const error = await failureOf(client.send({ url: `https://127.0.0.1:${target.port}/` }));

      expectRefusal(
        error,
        'OUTBOUND.CONNECTION_FAILED',
        /^https:\/\/127\.0\.0\.1:\d+ failed: .*(self-signed|self signed)/,
      );
    });

    it('lets nothing else through: a listed host does not open its neighbours', async () => {
      const target = await ok();
      const error = await failureOf(
        clientOf({ allowHttp: true, allowed: '127.0.0.2' }).send({ url: `http://127.0.0.1:${target.port}/` }),
      );
      expectRefusal(error, 'OUTBOUND.ADDRESS_REFUSED', /^127\.0\.0\.1 is in the loopback range/);
      expect(target.connections).toBe(0);
    });
  });

  describe('schemes', () => {
    it('refuses http unless OUTBOUND_ALLOW_HTTP, before any socket', async () => {
      const target = await ok();
      const url = `http://127.0.0.1:${target.port}/`;

      const error = await failureOf(clientOf({ allowed: '127.0.0.1' }).send({ url }));
      expectRefusal(
        error,
        'OUTBOUND.SCHEME_REFUSED',
        /^http:\/\/127\.0\.0\.1:\d+ uses http; outbound calls use https \(OUTBOUND_ALLOW_HTTP=true allows http, for development\)$/,
      );
      expect({ sockets: tripwire.sockets, connections: target.connections }).toEqual({
        sockets: 0,
        connections: 0,
      });

      const allowed = await clientOf({ allowed: '127.0.0.1', allowHttp: true }).send({ url });
      expect(allowed.status).toBe(200);
    });

    it.each(['file:///etc/passwd', 'ftp://127.0.0.1/', 'gopher://127.0.0.1:6379/_INFO'])(
      'refuses %s',
      async (url) => {
        const error = await failureOf(clientOf({ allowHttp: true }).send({ url }));
        expectRefusal(error, 'OUTBOUND.SCHEME_REFUSED', /outbound calls use https or http$/);
        expect(tripwire.sockets).toBe(0);
      },
    );

    it('refuses what is not a URL', async () => {
      expectRefusal(
        await failureOf(clientOf().send({ url: 'not a url' })),
        'OUTBOUND.INVALID_URL',
        /not a valid URL/,
      );
    });
  });

  describe('redirects', () => {
    it('does not follow a redirect to a private address, even from an allowed server', async () => {
      const target = await server((_request, response) =>
        response.writeHead(302, { location: 'http://10.0.0.1/latest/meta-data/' }).end(),
      );
      const client = clientOf({ allowHttp: true, allowed: '127.0.0.1' });

      const error = await failureOf(client.send({ url: `http://127.0.0.1:${target.port}/hook` }));

      expectRefusal(
        error,
        'OUTBOUND.REDIRECT_REFUSED',
        /^http:\/\/127\.0\.0\.1:\d+ answered 302 to http:\/\/10\.0\.0\.1\/latest\/meta-data\/; redirects are not followed$/,
      );
      expect(error.details).toMatchObject({ status: 302, location: 'http://10.0.0.1/latest/meta-data/' });
      expect({ sockets: tripwire.sockets, connections: target.connections }).toEqual({
        sockets: 1,
        connections: 1,
      });
    });

    it.each([301, 303, 307, 308])('refuses a %i the same way', async (status) => {
      const target = await server((_request, response) =>
        response.writeHead(status, { location: '/elsewhere' }).end(),
      );
      const error = await failureOf(
        clientOf({ allowHttp: true, allowed: '127.0.0.1' }).send({ url: `http://127.0.0.1:${target.port}/` }),
      );
      expect(error.details).toMatchObject({ status, location: '/elsewhere' });
    });
  });

  describe('deadline', () => {
    it('gives up on a server that never answers', async () => {
      const target = await server(() => undefined);
      const client = clientOf({ allowHttp: true, allowed: '127.0.0.1', timeoutMs: 5000 });
      const started = Date.now();

      const error = await failureOf(client.send({ url: `http://127.0.0.1:${target.port}/`, timeoutMs: 300 }));

      expectRefusal(
        error,
        'OUTBOUND.TIMEOUT',
        /^http:\/\/127\.0\.0\.1:\d+ gave no complete response within 300 ms$/,
      );
      expect(Date.now() - started).toBeLessThan(2000);
      expect(target.connections).toBe(1);
    });

    it('bounds the whole response, not only the gap between bytes: a trickling body times out', async () => {
      const target = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const drip = setInterval(() => response.write('.'), 50);
        response.on('close', () => clearInterval(drip));
      });
      const client = clientOf({ allowHttp: true, allowed: '127.0.0.1', timeoutMs: 400 });
      const started = Date.now();

      const error = await failureOf(client.send({ url: `http://127.0.0.1:${target.port}/` }));

      expectRefusal(error, 'OUTBOUND.TIMEOUT', /within 400 ms$/);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });

  describe('response size cap', () => {
    it('cuts off an endless body past the cap and hangs up', async () => {
      let written = 0;
      const target = await server((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(16 * 1024, 0x61);
        const pump = () => {
          while (!response.destroyed && response.write(chunk)) written += chunk.length;
        };
        response.on('drain', pump);
        pump();
      });
      const client = clientOf({ allowHttp: true, allowed: '127.0.0.1', maxResponseBytes: 64 * 1024 });

      const error = await failureOf(client.send({ url: `http://127.0.0.1:${target.port}/` }));

      expectRefusal(
        error,
        'OUTBOUND.RESPONSE_TOO_LARGE',
        /^http:\/\/127\.0\.0\.1:\d+'s response body went past the cap of 65536 bytes$/,
      );
      await eventually(() => expect(target.sockets.every((socket) => socket.destroyed)).toBe(true));
      const seen = written;
      await sleep(100);
      expect(written).toBe(seen);
    });

    it('refuses a body announced larger than the cap without reading it', async () => {
      const target = await server((_request, response) =>
        response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) }).write('x'),
      );
      const error = await failureOf(
        clientOf({ allowHttp: true, allowed: '127.0.0.1' }).send({
          url: `http://127.0.0.1:${target.port}/`,
          maxResponseBytes: 1024,
        }),
      );
      expectRefusal(
        error,
        'OUTBOUND.RESPONSE_TOO_LARGE',
        /body of 10485760 bytes \(Content-Length\) is over the cap of 1024 bytes$/,
      );
    });

    it('returns a body that fits, whatever its status', async () => {
      const target = await server((_request, response) => response.writeHead(410).end('gone'));
      const response = await clientOf({ allowHttp: true, allowed: '127.0.0.1' }).send({
        url: `http://127.0.0.1:${target.port}/`,
      });
      expect({ status: response.status, body: response.body.toString() }).toEqual({
        status: 410,
        body: 'gone',
      });
    });
  });

  describe('answers without a body', () => {
    it.each([
      ['a 204', 204, {}],
      ['a 200 of Content-Length 0', 200, { 'content-length': '0' }],
    ])(
      '%s reads as an empty body and leaves the connection for the next call',
      async (_name, status, headers) => {
        const target = await server((_request, response) => response.writeHead(status, headers).end());
        const client = clientOf({ allowHttp: true, allowed: '127.0.0.1' });
        for (let call = 0; call < 5; call += 1) {
          const response = await client.send({
            url: `http://127.0.0.1:${target.port}/`,
            method: 'POST',
            body: '{}',
          });
          expect({ status: response.status, body: response.body.length }).toEqual({ status, body: 0 });
        }
        // Connections are reused (undici may open a second while the first settles).
        expect(target.connections).toBeLessThan(5);
      },
    );

    it("reads a HEAD's answer as empty, whatever length it announces", async () => {
      const target = await server((_request, response) =>
        response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) }).end(),
      );
      const response = await clientOf({ allowHttp: true, allowed: '127.0.0.1' }).send({
        url: `http://127.0.0.1:${target.port}/`,
        method: 'HEAD',
        maxResponseBytes: 1024,
      });
      expect({ status: response.status, body: response.body.length }).toEqual({ status: 200, body: 0 });
    });
  });

  it.each([false, true])(
    'the tripwire itself bites (tls: %s): what the guard lets through, it still blocks',
    async (tls) => {
      const target = await server((_request, response) => response.end('never'), { tls });
      tripwire.list = loopbackOnly();
      tripwire.list.addAddress('127.0.0.1', 'ipv4');
      const client = clientOf({ allowHttp: true, allowed: '127.0.0.1' });

      const error = await failureOf(
        client.send({ url: `${tls ? 'https' : 'http'}://127.0.0.1:${target.port}/` }),
      );

      expectRefusal(error, 'OUTBOUND.CONNECTION_FAILED', /IP\(127\.0\.0\.1\) is blocked by net\.BlockList/);
      expect({ sockets: tripwire.sockets, connections: target.connections }).toEqual({
        sockets: 1,
        connections: 0,
      });
    },
  );
});

interface Ports {
  v4: number;
  v6: number;
}
