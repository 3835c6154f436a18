import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80_877_103;
const CANCEL_REQUEST = 80_877_102;
/** A unit ends with these: Sync, simple Query, Flush, Terminate. */
const UNIT_END = new Set(['S', 'Q', 'H', 'X']);

/**
 * PGlite over the PostgreSQL wire protocol. PGlite is one backend session, so clients take turns
 * by *unit*: every message of a connection up to its Sync (or simple Query) runs without another
 * connection's messages in between, and while a connection has a transaction open it keeps its
 * turn. (@electric-sql/pglite-socket queues single messages instead, so two clients' extended-
 * protocol Parse/Bind/Execute interleave and run each other's statements.)
 */
export class PgliteWireServer {
  private server: Server | null = null;
  private holder: number | null = null;
  private waiters: (() => void)[] = [];
  private nextId = 1;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly db: PGlite,
    private readonly maxConnections: number,
  ) {}

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    server.maxConnections = this.maxConnections;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  private accept(socket: Socket): void {
    const id = this.nextId++;
    let buffer = Buffer.alloc(0);
    let started = false;
    let unit: Buffer[] = [];
    let chain = Promise.resolve();
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const run = (messages: Buffer[]): void => {
      chain = chain.then(() => this.runUnit(id, socket, messages)).catch(() => void socket.destroy());
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const message = started ? nextTypedMessage(buffer) : nextStartupMessage(buffer);
        if (!message) break;
        buffer = buffer.subarray(message.length);
        if (!started) {
          const code = message.readInt32BE(4);
          if (code === SSL_REQUEST) socket.write('N');
          else if (code === CANCEL_REQUEST) socket.destroy();
          else {
            started = true;
            run([message]);
          }
          continue;
        }
        unit.push(message);
        if (UNIT_END.has(String.fromCharCode(message[0]))) {
          run(unit);
          unit = [];
        }
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      chain = chain.then(() => this.abandon(id));
    });
  }

  private async runUnit(id: number, socket: Socket, messages: Buffer[]): Promise<void> {
    await this.acquire(id);
    try {
      await this.db.runExclusive(async () => {
        for (const message of messages) {
          await this.db.execProtocolRawStream(new Uint8Array(message), {
            onRawData: (data) => {
              if (socket.writable) socket.write(data);
            },
          });
        }
      });
    } finally {
      if (!this.db.isInTransaction()) this.release(id);
    }
    if (messages.some((m) => m[0] === 'X'.charCodeAt(0))) socket.end();
  }

  /** A client that vanished mid-transaction must not leave the session locked. */
  private async abandon(id: number): Promise<void> {
    if (this.holder !== id) return;
    if (this.db.isInTransaction() && !this.db.closed) await this.db.exec('ROLLBACK').catch(() => undefined);
    this.release(id);
  }

  private async acquire(id: number): Promise<void> {
    while (this.holder !== null && this.holder !== id) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.holder = id;
  }

  private release(id: number): void {
    if (this.holder !== id) return;
    this.holder = null;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

function nextStartupMessage(buffer: Buffer): Buffer | null {
  if (buffer.length < 8) return null;
  const length = buffer.readInt32BE(0);
  return buffer.length >= length ? buffer.subarray(0, length) : null;
}

function nextTypedMessage(buffer: Buffer): Buffer | null {
  if (buffer.length < 5) return null;
  const length = 1 + buffer.readInt32BE(1);
  return buffer.length >= length ? buffer.subarray(0, length) : null;
}
