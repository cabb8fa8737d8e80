// A bare node:http server that keeps every body it receives: one INSERT and one commit per
// request into SQLite as central keeps its attachments (WAL, synchronous=FULL, so an fsync per
// commit, and the default WAL checkpoints). queue.bench.ts uploads the sync's bytes to it as a
// second baseline: raw upload plus the durable store a page needs, without signatures, digests,
// sealing at rest or the contract. `POST /discard` reads the body and keeps nothing: the same
// server without the store, so the pair tells what the durable store costs on this machine.
// Prints its URL on stdout; stopped by SIGTERM.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';

const db = new Database(process.argv[2]!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS pages (id INTEGER PRIMARY KEY, data BLOB NOT NULL) STRICT');
const insert = db.prepare('INSERT INTO pages (data) VALUES (?)');

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (req.url !== '/discard') insert.run(body);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes: body.byteLength }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => {
  server.close();
  db.close();
  process.exit(0);
});
