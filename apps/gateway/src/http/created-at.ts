import type { FastifyReply } from 'fastify';

/** 201's Location: where the created resource can be read. */
export function setLocation(reply: FastifyReply, path: string): void {
  void reply.header('location', `/api/v1/${path}`);
}
