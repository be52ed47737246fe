import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { RangeSource } from '../bmes';

/** A ranged source over a file: positioned reads, so a 50 MB file is never read whole to be decoded. */
export class FileRangeSource implements RangeSource {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileRangeSource> {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error(`${path} is not a regular file`);
      return new FileRangeSource(handle, stat.size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(out, done, length - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === length ? out : out.subarray(0, done);
  }

  /** SHA-256 of a range, read in chunks so memory stays flat whatever the size. */
  async sha256(offset: number, length: number): Promise<string> {
    const hash = createHash('sha256');
    const chunk = 1 << 20;
    for (let at = offset; at < offset + length; at += chunk) {
      hash.update(await this.read(at, Math.min(chunk, offset + length - at)));
    }
    return hash.digest('hex');
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
