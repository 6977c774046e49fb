// One free loopback port for a server a test or the bench is about to start.
//
// Asking the kernel for port 0 hands out a port of the ephemeral range, the very range it also
// draws the local ports of outgoing connections from: between the probe and the server's own
// listen(), a connection of the booting API to its database can take that port (CI once failed on
// EADDRINUSE this way). Ports are drawn below that range instead, where no connection lands.
'use strict';

const { readFileSync } = require('node:fs');
const { createServer } = require('node:net');

const LOWEST = 20_000;

/** The first port of the kernel's ephemeral range (Linux's default when it can't be read). */
function ephemeralStart() {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(start) && start > LOWEST + 1_000 ? start : 32_768;
  } catch {
    return 32_768;
  }
}

/** @param {number} port @returns {Promise<boolean>} */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * The first of `count` consecutive ports nobody listens on, outside the range outgoing
 * connections use: for a server that takes several ports next to one another (serve.mjs takes its
 * API's port and the next, its site's and the next), which two separate draws could make overlap.
 * @param {number} count
 * @returns {Promise<number>}
 */
async function freePorts(count) {
  const end = ephemeralStart() - count;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const first = LOWEST + Math.floor(Math.random() * (end - LOWEST));
    let free = true;
    for (let port = first; free && port < first + count; port += 1) free = await isFree(port);
    if (free) return first;
  }
  throw new Error(`no ${count} free ports in a row found between ${LOWEST} and ${end}`);
}

/** @returns {Promise<number>} a port nobody listens on, outside the range outgoing connections use */
function freePort() {
  return freePorts(1);
}

module.exports = { freePort, freePorts };
