import { afterEach, describe, expect, it, vi } from 'vitest';
import { serverElseDevice } from '../../src/client/api/fallback';
import { AppError } from '../../src/shared/errors';

describe('serverElseDevice', () => {
  const device = async () => 'device figures';
  it('answers from the server when it answers', async () => {
    expect(await serverElseDevice(async () => 'server figures', device, () => true)).toEqual({ res: 'server figures', source: 'server' });
  });

  it('falls back to the device on a network failure, and only then', async () => {
    const down = async (): Promise<string> => {
      throw new AppError('network');
    };
    expect(await serverElseDevice(down, device, () => true)).toEqual({ res: 'device figures', source: 'device' });
    const refused = async (): Promise<string> => {
      throw new AppError('forbidden');
    };
    await expect(serverElseDevice(refused, device, () => true)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('does not ask the server while the browser knows it is offline (a request could hang until its timeout)', async () => {
    let asked = 0;
    const hanging = (): Promise<string> => {
      asked++;
      return new Promise<string>(() => undefined);
    };
    expect(await serverElseDevice(hanging, device, () => false)).toEqual({ res: 'device figures', source: 'device' });
    expect(asked).toBe(0);
  });

  describe('by default, the browser says', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });
    it('offline: the device answers and the server is not asked', async () => {
      vi.stubGlobal('navigator', { onLine: false });
      let asked = 0;
      const server = async () => {
        asked++;
        return 'server figures';
      };
      expect(await serverElseDevice(server, device)).toEqual({ res: 'device figures', source: 'device' });
      expect(asked).toBe(0);
    });
    it('online: the server is asked', async () => {
      vi.stubGlobal('navigator', { onLine: true });
      expect(await serverElseDevice(async () => 'server figures', device)).toEqual({ res: 'server figures', source: 'server' });
    });
  });
});
