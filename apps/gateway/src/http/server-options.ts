import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type {
  ConnectionError,
  FastifyError,
  FastifyHttpOptions,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { GatewayConfig } from '../gateway.config';
import { PROBLEM_CONTENT_TYPE, problem } from './problem';

/** Node's default cap on the request line and headers together (`--max-http-header-size`). */
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * How the gateway's HTTP server treats clients that send too slowly or too much, before a request
 * exists: headers must arrive within HEADERS_TIMEOUT_MS and the whole request within
 * REQUEST_TIMEOUT_MS (408), whether a client dawdles over them or sends nothing at all; an
 * oversize request line is 414 and oversize headers 431; each answer is problem+json.
 */
export function gatewayServerOptions(config: GatewayConfig): FastifyHttpOptions<Server> {
  return {
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Node looks for expired requests this often (30 s by default, which would let a slow client
      // hold a connection that long whatever the timeouts say).
      connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs),
    },
    clientErrorHandler: answerClientError(config),
    frameworkErrors: answerFrameworkError,
  };
}

/** A connection-level failure, answered on the socket itself since no request object exists. */
function answerClientError(config: GatewayConfig) {
  return (error: ConnectionError, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, detail] = describeClientError(error, config);
    const body = JSON.stringify(problem(status, detail));
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}

function describeClientError(error: ConnectionError, config: GatewayConfig): [number, string] {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return [
      408,
      `The request did not arrive in time: headers within ${config.headersTimeoutMs} ms, the whole request within ${config.requestTimeoutMs} ms`,
    ];
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return isRequestLineTooLong(error)
      ? [414, `The URL is too long: the request line and headers may take ${MAX_HEADER_BYTES} bytes together`]
      : [431, `The request headers are too large: they may take ${MAX_HEADER_BYTES} bytes together`];
  }
  return [400, 'The request is not well-formed HTTP/1.1'];
}

/**
 * Node counts the request line with the headers and says only that they overflowed; what it was
 * parsing tells which: a request line taking most of the room means the URL is at fault.
 */
function isRequestLineTooLong(error: ConnectionError): boolean {
  const packet: unknown = error.rawPacket;
  const received = Buffer.isBuffer(packet) ? packet.toString('latin1') : '';
  if (!/^[A-Z]+ /.test(received)) return false;
  const lineEnd = received.indexOf('\r\n');
  return lineEnd === -1 || lineEnd > MAX_HEADER_BYTES / 2;
}

/** Errors Fastify raises while routing, before any handler (a path of bad %-escapes, an overlong parameter). */
function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path segment is too long to name anything'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'The path holds an invalid percent-encoding'
        : 'The request could not be routed';
  void reply
    .status(status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({ ...problem(status, detail), instance: request.url });
}
