import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { BlockList, Socket } from 'node:net';

/** Every address but 127.0.0.0/8 and ::1 (IPv4-mapped forms are judged by the IPv4 rules). */
export function loopbackOnly(): BlockList {
  const list = new BlockList();
  list.addRange('0.0.0.0', '126.255.255.255', 'ipv4');
  list.addRange('128.0.0.0', '255.255.255.255', 'ipv4');
  list.addAddress('::', 'ipv6');
  list.addRange('::2', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ipv6');
  return list;
}

/**
 * Hands every client socket this process creates (plain or TLS) a Node block list before it
 * connects: Node checks it right before the TCP connect, so a guard under test that wrongly lets
 * an address through fails with ERR_IP_BLOCKED instead of sending a packet off the machine. It
 * also counts the sockets, so a spec can assert that a refusal created none. (`blockList` is a
 * plain property of net.Socket; TLS sockets ignore the constructor option, hence this route.)
 */
export class SocketTripwire {
  sockets = 0;
  list = loopbackOnly();

  private readonly pin = (message: unknown) => {
    this.sockets++;
    (message as { socket: Socket & { blockList?: BlockList } }).socket.blockList = this.list;
  };

  arm(): void {
    subscribe('net.client.socket', this.pin);
  }

  disarm(): void {
    unsubscribe('net.client.socket', this.pin);
  }
}
