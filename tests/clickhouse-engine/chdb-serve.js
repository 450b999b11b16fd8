// Walscope's ClickHouse engine for tests and benchmarks: chDB (ClickHouse 26.7 in-process) behind a line protocol.
// usage: node chdb-serve.js DATA_DIR
// Each request is one line of JSON: {"sql": "...", "format": "JSONEachRow", "file": "/path"}; "file" (optional) is
// appended to the query after a newline (INSERT ... FORMAT JSONEachRow with a file's rows). Each answer is one line
// of JSON: {"ok": true, "out": "...", "ms": N} or {"ok": false, "error": "..."}.
'use strict';
const fs = require('fs');
const readline = require('readline');
const { Session } = require('chdb');

const session = new Session(process.argv[2]);
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (!line.trim()) {
    return;
  }
  let answer;
  const t0 = Date.now();
  try {
    const req = JSON.parse(line);
    let sql = req.sql;
    if (req.file) {
      sql = sql + '\n' + fs.readFileSync(req.file, 'utf8');
    }
    const out = session.query(sql, req.format || 'JSONEachRow');
    answer = { ok: true, out: out == null ? '' : String(out), ms: Date.now() - t0 };
  } catch (e) {
    answer = { ok: false, error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
rl.on('close', () => {
  try {
    session.cleanup();
  } catch (e) {
    // the data directory is the caller's
  }
});
