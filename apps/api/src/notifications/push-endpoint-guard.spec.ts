import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import { PushEndpointGuard, RefusedPushEndpointError } from './push-endpoint-guard';

const guardWith = (allowLoopback: boolean) =>
  new PushEndpointGuard({
    get: () => allowLoopback,
  } as unknown as ConfigService<Environment, true>);

describe('PushEndpointGuard', () => {
  const guard = guardWith(false);

  it.each([
    'https://127.0.0.1:3000/push',
    'https://127.9.9.9/push',
    'https://127.1/push',
    'https://0x7f000001/push',
    'https://2130706433/push',
    'https://0177.0.0.1/push',
    'https://localhost/push',
    'https://LOCALHOST./push',
    'https://[::1]:8443/push',
    'https://[::ffff:127.0.0.1]/push',
    'https://[0:0:0:0:0:ffff:7f00:1]/push',
    'https://[::127.0.0.1]/push',
    'https://[64:ff9b::a9fe:a9fe]/push',
    'https://169.254.169.254/latest/meta-data',
    'https://[fe80::1]/push',
    'https://10.0.0.1/push',
    'https://172.16.0.5/push',
    'https://172.31.255.255/push',
    'https://192.168.1.10/push',
    'https://100.64.0.1/push',
    'https://[fd00::1]/push',
    'https://0.0.0.0/push',
    'https://0/push',
    'https://[::]/push',
    'https://224.0.0.1/push',
    'http://203.0.113.7/push',
  ])('refuses %s at subscribe and at send', async (endpoint) => {
    await expect(guard.assertPublic(endpoint)).rejects.toBeInstanceOf(RefusedPushEndpointError);
    if (!endpoint.includes('localhost') && !endpoint.includes('LOCALHOST')) {
      expect(() => guard.assertLiteralAllowed(endpoint)).toThrow(RefusedPushEndpointError);
    }
  });

  it.each(['https://203.0.113.7/push', 'https://172.32.0.1/push', 'https://[2001:db8::1]/push', 'https://8.8.8.8/x'])(
    'accepts a public address: %s',
    async (endpoint) => {
      await expect(guard.assertPublic(endpoint)).resolves.toBeUndefined();
      expect(() => guard.assertLiteralAllowed(endpoint)).not.toThrow();
    },
  );

  it('lets loopback through when tests opt in, and nothing else inside the network', async () => {
    const testing = guardWith(true);
    await expect(testing.assertPublic('https://127.0.0.1:4433/push')).resolves.toBeUndefined();
    await expect(testing.assertPublic('https://localhost:4433/push')).resolves.toBeUndefined();
    await expect(testing.assertPublic('https://10.0.0.1/push')).rejects.toBeInstanceOf(RefusedPushEndpointError);
    await expect(testing.assertPublic('https://169.254.169.254/')).rejects.toBeInstanceOf(RefusedPushEndpointError);
  });
});
