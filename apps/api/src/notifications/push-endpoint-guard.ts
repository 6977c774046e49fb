import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { lookup } from 'node:dns';
import { Agent } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Environment } from '../config/environment';

/** Why an endpoint was refused: it is, or resolves to, an address inside our network or the host itself. */
export class RefusedPushEndpointError extends Error {
  readonly code = 'PUSH_ENDPOINT_REFUSED';
}

/** Addresses no push service has: loopback, private, link-local, unspecified, shared, multicast, reserved. */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** IPv6 forms that carry an IPv4 address in their last 32 bits: IPv4-mapped, IPv4-compatible, NAT64. */
const EMBEDDING_IPV4 = /^(?:::ffff:(?:0:)?|::|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/** The IPv4 address an IPv6 address embeds, if it is of such a form; the address itself otherwise. */
function unwrap(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  if (isIP(address) === 4) return { address, family: 'ipv4' };
  const canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
  const embedded = EMBEDDING_IPV4.exec(canonical);
  if (!embedded || canonical === '::' || canonical === '::1') return { address: canonical, family: 'ipv6' };
  const [high, low] = [parseInt(embedded[1], 16), parseInt(embedded[2], 16)];
  return { address: [high >> 8, high & 255, low >> 8, low & 255].join('.'), family: 'ipv4' };
}

/**
 * Keeps Web Push from becoming a way to make the API send requests inside its own network (a
 * subscription is a URL that any account chooses): an endpoint's host must be, and resolve only
 * to, public addresses, when it is subscribed and again at each push, where the connection is made
 * to the address just checked (no second lookup to rebind, no redirect followed: web-push makes
 * one request). Hosts are read with the WHATWG URL parser, which also reads numeric forms such as
 * 0x7f000001, 2130706433 or 127.1 as the address they are.
 *
 * PUSH_ALLOW_LOOPBACK_ENDPOINTS (tests only, refused outside NODE_ENV=test) lets a stand-in push
 * service on this machine's loopback through; private and link-local addresses stay refused.
 */
@Injectable()
export class PushEndpointGuard {
  private readonly allowLoopback: boolean;
  /** For web-push: every connection it opens resolves through the check. */
  readonly agent: Agent;

  constructor(config: ConfigService<Environment, true>) {
    this.allowLoopback = config.get('PUSH_ALLOW_LOOPBACK_ENDPOINTS', { infer: true });
    this.agent = new Agent({ lookup: this.checkedLookup });
  }

  /** At subscribe: throws RefusedPushEndpointError unless the host is public and resolves only to public addresses. */
  async assertPublic(endpoint: string): Promise<void> {
    const host = this.hostOf(endpoint);
    if (isIP(host)) return this.assertAllowed(host);
    const addresses = await new Promise<string[]>((resolve, reject) =>
      lookup(host, { all: true, verbatim: true }, (error, found) =>
        error ? reject(new RefusedPushEndpointError(`${host} does not resolve`)) : resolve(found.map((a) => a.address)),
      ),
    );
    addresses.forEach((address) => this.assertAllowed(address));
  }

  /** At each push: an address written in the URL is never looked up, so it is checked here; names go through the agent. */
  assertLiteralAllowed(endpoint: string): void {
    const host = this.hostOf(endpoint);
    if (isIP(host)) this.assertAllowed(host);
  }

  private hostOf(endpoint: string): string {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new RefusedPushEndpointError('not a URL');
    }
    if (url.protocol !== 'https:') throw new RefusedPushEndpointError('not https');
    return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  }

  private assertAllowed(address: string): void {
    const { address: checked, family } = unwrap(address);
    if (this.allowLoopback && LOOPBACK.check(checked, family)) return;
    if (INTERNAL.check(checked, family)) throw new RefusedPushEndpointError(`${address} is not a public address`);
  }

  private readonly checkedLookup: LookupFunction = (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      try {
        addresses.forEach(({ address }) => this.assertAllowed(address));
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, '', 4);
      }
      if (options.all) return (callback as (e: null, all: typeof addresses) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
